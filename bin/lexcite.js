#!/usr/bin/env node
'use strict';
// Prefer the bundle (one file for Node to load); fall back to the compiled tree during development.
const path = require('path');
const fs = require('fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
const cli = fs.existsSync(bundle) ? require(bundle) : require(path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js'));
cli.run(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code;
});
