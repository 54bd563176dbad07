#!/usr/bin/env node
// The Node.js side of bench/lint_vs_node.sh: what a Node user would write to
// check a vault's frontmatter. Single process, synchronous reads.
//
//   node node_lint.mjs --vault DIR --schema FILE.schema.yaml [--modules DIR]
//
// Walks DIR recursively (skipping folders whose name starts with '.'), reads
// every *.md with fs.readFileSync, parses it with gray-matter (a YAML error is
// a finding for that file) and validates the frontmatter of every note whose
// fileClass is, or lists, the schema's class (the schema file's name up to
// ".schema.yaml") against that schema with Ajv (draft 2020-12, allErrors,
// strict off so the x-link / x-severity keywords are ignored). The findings
// go to stdout as one JSON document shaped like `mdvault lint --format json`.
// Exit code: 0 no findings, 1 findings, 2 the script could not run.
//
// --modules DIR: the folder whose node_modules holds gray-matter, ajv and
// js-yaml (the benchmark installs them in a temporary folder). Default: the
// folder of this script.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

function usage(message) {
  process.stderr.write(`node_lint: ${message}\n` +
    'usage: node node_lint.mjs --vault DIR --schema FILE [--modules DIR]\n');
  process.exit(2);
}

const args = { modules: path.dirname(fileURLToPath(import.meta.url)) };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i];
  const value = process.argv[i + 1];
  if (!['--vault', '--schema', '--modules'].includes(key) || value === undefined) {
    usage(`unknown or incomplete option '${key}'`);
  }
  args[key.slice(2)] = value;
}
if (!args.vault || !args.schema) usage('--vault and --schema are required');

const require = createRequire(path.join(path.resolve(args.modules), 'package.json'));
const matter = require('gray-matter');
const Ajv2020 = require('ajv/dist/2020').default;
const yaml = require('js-yaml');

// --- the schema, compiled once ----------------------------------------------
const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaPath = path.resolve(args.schema);
const schemaDir = path.dirname(schemaPath);
const loadYaml = (file) => yaml.load(fs.readFileSync(file, 'utf8'));

// Files the schema $refs (e.g. "other.schema.yaml#/$defs/x") are added under
// their file name, which is how such a relative $ref resolves without $id.
function addReferencedFiles(node, seen) {
  if (Array.isArray(node)) {
    for (const item of node) addReferencedFiles(item, seen);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        const file = value.split('#')[0];
        if (!seen.has(file)) {
          seen.add(file);
          const other = loadYaml(path.join(schemaDir, file));
          ajv.addSchema(other, file);
          addReferencedFiles(other, seen);
        }
      } else {
        addReferencedFiles(value, seen);
      }
    }
  }
}
const schema = loadYaml(schemaPath);
addReferencedFiles(schema, new Set([path.basename(schemaPath)]));
const validate = ajv.compile(schema);
const noteClass = path.basename(schemaPath).replace(/\.schema\.ya?ml$/, '');

function hasClass(fileClass) {
  if (Array.isArray(fileClass)) return fileClass.includes(noteClass);
  return fileClass === noteClass;
}

// --- the vault ---------------------------------------------------------------
const vault = path.resolve(args.vault);
function* notes(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* notes(full);
    else if (entry.isFile() && entry.name.endsWith('.md')) yield full;
  }
}

const diagnostics = [];
const finding = (rel, rule, field, message, line = 1) => diagnostics.push({
  path: rel, line, column: 1, severity: 'error', rule, field, message,
});

let files = 0;
for (const file of notes(vault)) {
  files += 1;
  const rel = path.relative(vault, file).split(path.sep).join('/');
  const text = fs.readFileSync(file, 'utf8');
  let parsed;
  try {
    // A fresh options object each time: gray-matter caches results by content
    // when called without options, which a one-shot linter gains nothing from.
    parsed = matter(text, {});
  } catch (error) {
    const line = error.mark && Number.isInteger(error.mark.line) ? error.mark.line + 2 : 1;
    finding(rel, 'yaml-syntax', null, String(error.reason || error.message), line);
    continue;
  }
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || !hasClass(data.fileClass)) continue;
  if (!validate(data)) {
    for (const error of validate.errors) {
      const field = error.instancePath ? error.instancePath.slice(1).split('/')[0] : null;
      finding(rel, 'schema', field, `${error.instancePath || '(frontmatter)'} ${error.message}`);
    }
  }
}

const summary = { files, errors: diagnostics.length, warnings: 0 };
process.stdout.write(JSON.stringify({ diagnostics, summary }, null, 2) + '\n');
process.exitCode = diagnostics.length > 0 ? 1 : 0;
