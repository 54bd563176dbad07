// The official MCP TypeScript SDK's client against `mdvault mcp` on vault-example/ (issue 14).
// Usage: node sdk_client_test.mjs BINARY VAULT SDK_DIR
// SDK_DIR holds node_modules/@modelcontextprotocol/sdk (npm install @modelcontextprotocol/sdk
// there). Exits 77 (skipped, saying why) when it is missing. The SDK checks each result
// against the tool's outputSchema itself; this script checks what the results hold.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [binary, vault, sdkDir] = process.argv.slice(2);
const sdk = join(sdkDir ?? "", "node_modules", "@modelcontextprotocol", "sdk", "dist", "esm");
if (!existsSync(join(sdk, "client", "index.js"))) {
  console.log(`skipped: the MCP TypeScript SDK is not installed in ${sdkDir} (npm install @modelcontextprotocol/sdk there)`);
  process.exit(77);
}
const { Client } = await import(pathToFileURL(join(sdk, "client", "index.js")).href);
const { StdioClientTransport } = await import(pathToFileURL(join(sdk, "client", "stdio.js")).href);

let failed = 0;
let passed = 0;
function check(ok, what, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}${detail ? ": " + detail : ""}`);
  }
}

const transport = new StdioClientTransport({ command: binary, args: ["--vault", vault, "mcp"], stderr: "ignore" });
const client = new Client({ name: "mdvault-sdk-test", version: "1.0.0" });
try {
  await client.connect(transport);
  check(client.getServerVersion()?.name === "mdvault", "connects and initializes");
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name).sort();
  check(JSON.stringify(names) === JSON.stringify(["base", "links", "lint", "list_notes", "query", "search", "show_note", "vault_info"]),
        "lists the tools", names.join(","));
  const call = async (name, args) => {
    const result = await client.callTool({ name, arguments: args });  // validated against outputSchema by the SDK
    if (result.isError) throw new Error(`${name}: ${result.content[0].text}`);
    return result.structuredContent;
  };
  const info = await call("vault_info", {});
  check(info.notes > 0 && info.privacy === "applied", "vault_info", JSON.stringify(info).slice(0, 200));
  const notes = await call("list_notes", { limit: 500 });
  check(notes.total === info.notes && notes.notes.length === info.notes, "list_notes gives every note");
  const first = notes.notes[0];
  const shown = await call("show_note", { note: first.path, include_text: true });
  check(shown.path === first.path && typeof shown.text.content === "string", "show_note");
  const rows = await call("query", { dql: 'TABLE file.name AS name FROM "" SORT file.path' });
  check(rows.total === info.notes && rows.rows[0].File === first.path, "query");
  // The sessions are private notes in vault-example: the shared base has public rows only here.
  const base = await call("base", { path: "Bases/Unfinished notes.base" });
  check(base.view === "By kind" && base.total > 0 && base.groups.length > 0, "base");
  const hits = await call("search", { query: "attachment" });
  check(hits.total > 0 && hits.hits[0].snippet.toLowerCase().includes("attachment"), "search");
  const links = await call("links", { note: first.path });
  check(links.note === first.path, "links of a note");
  const broken = await call("links", { kind: "broken" });
  check(broken.total === info.broken_links, "links broken matches vault_info");
  const orphans = await call("links", { kind: "orphans" });
  check(orphans.total === info.orphans, "links orphans matches vault_info");
  const lint = await call("lint", { path: first.path });
  check(lint.checked_notes === 1, "lint of one note");
  const missing = await client.callTool({ name: "show_note", arguments: { note: "No such note at all" } });
  check(missing.isError === true, "a missing note is a tool error");
  const { resources } = await client.listResources();
  check(resources.length === info.notes && resources[0].uri.startsWith("mdvault://note/"), "lists the resources");
  const read = await client.readResource({ uri: resources[0].uri });
  check(read.contents[0].mimeType === "text/markdown" && read.contents[0].text.length > 0, "reads a resource");
  const { resourceTemplates } = await client.listResourceTemplates();
  check(resourceTemplates.length === 2, "lists the resource templates");
  const pong = await client.ping();
  check(pong !== null && typeof pong === "object", "ping");
} catch (error) {
  check(false, "exchange", String(error?.stack ?? error));
} finally {
  await client.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
