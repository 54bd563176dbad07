// Regenerates parser_goldens.txt from Dataview's own parser (the oracle; not committed):
//   npm pack obsidian-dataview@0.5.68 && tar xzf obsidian-dataview-0.5.68.tgz
//   mkdir -p package/node_modules/obsidian && echo 'module.exports = {}' > package/node_modules/obsidian/index.js
//   TZ=UTC node gen_parser_goldens.js /path/to/package/lib/index.js < queries.txt > parser_goldens.txt
// A query is one block of lines; blocks are separated by lines that start a new query (LIST/TABLE).
const dv = require(process.argv[2]);
const fs = require("fs");
const text = fs.readFileSync(0, "utf8");
const blocks = [];
for (const line of text.split("\n")) {
  if (line === "") continue;
  if (/^(LIST|TABLE|TASK|CALENDAR)\b/.test(line) || blocks.length === 0) blocks.push([line]);
  else blocks[blocks.length - 1].push(line);
}
function canon(v) {
  if (v === undefined) return undefined;
  if (v === null || typeof v !== "object") return v;
  if (v.isLuxonDateTime) {
    return "date:" + v.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") + (v.zone.type === "system" ? "" : "@" + v.offset);
  }
  if (v.isLuxonDuration) {
    const o = v.toObject();
    const units = ["years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds"];
    return "dur:" + units.filter(u => o[u]).map(u => u + "=" + o[u]).join(",");
  }
  if (Array.isArray(v)) return v.map(canon);
  const out = {};
  for (const k of Object.keys(v).sort()) {
    if (k === "settings") continue;
    const c = canon(v[k]);
    if (c !== undefined) out[k] = c;
  }
  return out;
}
for (const b of blocks) {
  const q = b.join("\n");
  let tree;
  try {
    tree = JSON.stringify(canon(dv.QUERY_LANGUAGE.query.tryParse(q)));
  } catch (e) {
    tree = "ERROR";
  }
  console.log("query: " + JSON.stringify(q));
  console.log("tree: " + tree);
}
