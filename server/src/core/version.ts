/** LexCite's version, for the report's audit header and the server's serverInfo (a test holds it to package.json's). */
export const LEXCITE_VERSION = '0.1.0';
