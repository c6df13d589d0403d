-- Drives LexCite's language server with Neovim's built-in LSP client (Neovim 0.7+, headless) and writes what the
-- client saw as JSON; test/e2e/neovim.e2e.ts checks it. Run by that test as
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/e2e/neovim/lsp-check.lua'
-- with LEXCITE_REPO (the repository), LEXCITE_NVIM_WORKDIR (a folder holding copies of the example papers) and
-- LEXCITE_NVIM_RESULT (the JSON file to write). Each feature is recorded on its own, with its error if it failed;
-- the script always writes the file and quits.

local repo = assert(vim.env.LEXCITE_REPO, 'LEXCITE_REPO')
local workdir = assert(vim.env.LEXCITE_NVIM_WORKDIR, 'LEXCITE_NVIM_WORKDIR')
local out = assert(vim.env.LEXCITE_NVIM_RESULT, 'LEXCITE_NVIM_RESULT')
local node = vim.env.LEXCITE_NODE or 'node'
local TIMEOUT = tonumber(vim.env.LEXCITE_NVIM_TIMEOUT or '30000')

local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }
local client_id
local server_log = {}

local function open(file)
  vim.cmd('edit ' .. vim.fn.fnameescape(workdir .. '/' .. file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown' -- -u NONE: no filetype detection; the server is told languageId = filetype
  assert(vim.lsp.buf_attach_client(buf, client_id), 'attach ' .. file)
  return buf
end

-- The LSP position (0-based line, UTF-16 character) of `needle`, searching from the first line containing `after`.
local function position_of(buf, needle, after)
  local started = after == nil
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if not started and line:find(after, 1, true) then started = true end
    if started then
      local byte = line:find(needle, 1, true)
      if byte then
        local _, utf16 = vim.str_utfindex(line, byte - 1)
        return { line = i - 1, character = utf16 }
      end
    end
  end
  error('not in the buffer: ' .. needle)
end

-- The UTF-16 column of a byte column of a buffer line.
local function utf16_col(buf, lnum, byte_col)
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(line, math.min(byte_col, #line))
  return utf16
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  assert(responses, method .. ': ' .. tostring(err))
  local response = responses[client_id]
  assert(response, method .. ': no response from lexcite')
  assert(not response.error, method .. ': ' .. vim.inspect(response.error))
  return response.result
end

local function text_document(buf)
  return { uri = vim.uri_from_bufnr(buf) }
end

local function hover_text(hover)
  if hover == nil or hover == vim.NIL then return vim.NIL end
  local contents = hover.contents
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  return table.concat(vim.tbl_map(function(c) return type(c) == 'string' and c or c.value end, contents), '\n')
end

-- Each feature on its own: an error is recorded and the next feature still runs.
local function feature(name, fn)
  local ok, value = xpcall(fn, debug.traceback)
  if ok then result[name] = value else result[name] = { error = tostring(value) } end
end

local function write_and_quit()
  result.serverLog = table.concat(server_log, '')
  local file = assert(io.open(out, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local ok, err = xpcall(function()
  client_id = vim.lsp.start_client({
    name = 'lexcite',
    cmd = { node, repo .. '/bin/lexcite.js', 'lsp', '--stdio' },
    root_dir = workdir,
    on_exit = function(code, signal) result.exit = { code = code, signal = signal } end,
    handlers = {
      ['window/logMessage'] = function(_, params) table.insert(server_log, params.message .. '\n') end,
    },
  })
  assert(client_id, 'vim.lsp.start_client returned nil')

  local sample = open('sample-paper.md')
  feature('initialize', function()
    assert(vim.wait(TIMEOUT, function()
      local client = vim.lsp.get_client_by_id(client_id)
      return client ~= nil and client.initialized == true
    end, 20), 'the server did not answer initialize within ' .. TIMEOUT .. ' ms')
    local capabilities = vim.lsp.get_client_by_id(client_id).server_capabilities
    return {
      hoverProvider = capabilities.hoverProvider and true or false,
      completionTriggers = capabilities.completionProvider and capabilities.completionProvider.triggerCharacters or {},
      codeActionProvider = capabilities.codeActionProvider and true or false,
    }
  end)

  feature('hover', function()
    -- Footnote 1: 《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）第（八）项。
    local article = position_of(sample, '第（八）项', '[^1]: ')
    local title = position_of(sample, '《国务院关于深入实施', '[^1]: ')
    title.character = title.character + 1
    return {
      article = hover_text(request(sample, 'textDocument/hover', { textDocument = text_document(sample), position = article })),
      title = hover_text(request(sample, 'textDocument/hover', { textDocument = text_document(sample), position = title })),
      plain = hover_text(request(sample, 'textDocument/hover', { textDocument = text_document(sample), position = { line = 0, character = 0 } })),
    }
  end)

  feature('completion', function()
    local cases = {}
    for _, typed in ipairs({ '另见《xmscjsjcy', '另见《厦门市促' }) do
      local last = vim.api.nvim_buf_line_count(sample)
      vim.api.nvim_buf_set_lines(sample, last, last, false, { '', typed }) -- sent to the server as didChange
      local line = last + 1
      local _, character = vim.str_utfindex(typed)
      local list = request(sample, 'textDocument/completion', {
        textDocument = text_document(sample),
        position = { line = line, character = character },
        context = { triggerKind = 1 },
      })
      local items = (list ~= vim.NIL and list ~= nil) and (list.items or list) or {}
      local labels = {}
      for i = 1, math.min(#items, 5) do labels[i] = items[i].label end
      local case = { typed = typed, count = #items, labels = labels }
      local first = items[1]
      if first then
        case.detail = first.detail
        local edit = first.textEdit
        if edit then
          if edit.insert then edit = { range = edit.replace, newText = edit.newText } end -- InsertReplaceEdit
          vim.lsp.util.apply_text_edits({ edit }, sample, 'utf-16')
        else
          vim.api.nvim_buf_set_text(sample, line, #typed, line, #typed, { first.insertText or first.label })
        end
        case.accepted = vim.api.nvim_buf_get_lines(sample, line, line + 1, false)[1]
      end
      table.insert(cases, case)
    end
    return cases
  end)

  local faulty = open('faulty-paper.md')
  feature('diagnostics', function()
    assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(faulty) > 0 end, 20),
      'no diagnostics for faulty-paper.md within ' .. TIMEOUT .. ' ms')
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(faulty)) do
      table.insert(list, {
        lnum = d.lnum, col = d.col, character = utf16_col(faulty, d.lnum, d.col), severity = d.severity,
        code = d.code or vim.NIL, source = d.source or vim.NIL, message = d.message,
      })
    end
    table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    return list
  end)

  feature('codeAction', function()
    -- The quick fix of the title.typo warning, applied through Neovim's own workspace-edit code.
    local typo
    for _, d in ipairs(vim.diagnostic.get(faulty)) do
      if d.code == 'title.typo' then typo = d end
    end
    assert(typo, 'a title.typo diagnostic')
    -- vim.diagnostic columns are bytes; LSP wants UTF-16 (Neovim 0.7's own conversion back skips this).
    local lsp_diagnostic = {
      range = {
        start = { line = typo.lnum, character = utf16_col(faulty, typo.lnum, typo.col) },
        ['end'] = { line = typo.end_lnum, character = utf16_col(faulty, typo.end_lnum, typo.end_col) },
      },
      message = typo.message, code = typo.code, source = typo.source,
      severity = typo.severity, -- vim.diagnostic.severity uses LSP's numbers (1 error … 4 hint)
      data = typo.user_data and typo.user_data.lsp and typo.user_data.lsp.data or nil,
    }
    local actions = request(faulty, 'textDocument/codeAction', {
      textDocument = text_document(faulty),
      range = lsp_diagnostic.range,
      context = { diagnostics = { lsp_diagnostic }, only = { 'quickfix' } },
    })
    assert(actions ~= vim.NIL and #actions > 0, 'code actions for title.typo')
    local titles = {}
    for i, action in ipairs(actions) do titles[i] = action.title end
    local first = actions[1]
    assert(first.edit, 'the first action carries its edit')
    vim.lsp.util.apply_workspace_edit(first.edit, 'utf-16')
    return { titles = titles, line = vim.api.nvim_buf_get_lines(faulty, typo.lnum, typo.lnum + 1, false)[1] }
  end)

  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return result.exit ~= nil end, 20)
end, debug.traceback)

if not ok then result.error = tostring(err) end
write_and_quit()
