#!/usr/bin/env python3
"""End-to-end test of `mdvault mcp` (issue 14): drives the binary over stdio as a client would.

Usage: mcp_stdio_test.py BINARY SOURCE_DIR

Covers: negotiation for each supported revision (2025-06-18, 2025-11-25 by initialize;
2026-07-28 statelessly), every tool on vault-example/ compared with what the command line
prints for the same question, resources, JSON-RPC and tool errors (malformed JSON, a line of
5 MB, unknown methods, wrong argument types, a DQL syntax error, a backtracking regex, 1,000
requests in flight, a client that stops reading, stdin closed, SIGTERM), freshness after a
note is added and deleted, and the privacy policy: with tests/privacy/vault/, every tool is
called with every note name as argument and every resource is read, and no answer holds a
private note's path, name or text, an omitted value or a real client name
(tests/privacy/check_privacy.py lists them). Python 3 standard library only; writes only in
a temporary folder. Prints `ok ...` / `FAIL ...` per check, exit 1 when anything failed.
"""

import importlib.util
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

passed = 0
failed = 0
META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))


class Client:
    """One `mdvault mcp` process, spoken to one JSON line at a time."""

    def __init__(self, binary, vault, *extra, stderr_path=None):
        self.stderr_file = open(stderr_path or os.devnull, "wb")
        self.proc = subprocess.Popen([binary, "--vault", vault, "mcp", *extra], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr_file)
        self.buffer = b""
        self.next_id = 1

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(json.dumps(message, ensure_ascii=False).encode() + b"\n")

    def read_line(self, timeout=60):
        deadline = time.time() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer")
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.proc.stdout.fileno(), 1 << 20)
            if not chunk:
                raise EOFError("the server closed stdout")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def recv(self, timeout=60):
        return json.loads(self.read_line(timeout))

    def request(self, method, params=None, stateless=False):
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        self.next_id += 1
        if params is not None or stateless:
            params = dict(params or {})
            if stateless:
                params["_meta"] = META
            message["params"] = params
        self.send(message)
        answer = self.recv()
        if answer.get("id") != message["id"]:
            raise AssertionError(f"answer to id {message['id']} has id {answer.get('id')}")
        return answer

    def initialize(self, version="2025-11-25"):
        answer = self.request("initialize", {"protocolVersion": version, "capabilities": {},
                                             "clientInfo": {"name": "e2e", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        return answer

    def tool(self, name, arguments):
        answer = self.request("tools/call", {"name": name, "arguments": arguments})
        return answer["result"]

    def close(self, timeout=30):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = None
        self.stderr_file.close()
        return code


def structured(result):
    if result.get("isError"):
        raise AssertionError("tool error: " + result["content"][0]["text"])
    text = result["content"][0]["text"]
    if json.loads(text) != result["structuredContent"]:
        raise AssertionError("text and structuredContent differ")
    return result["structuredContent"]


def cli_json(binary, vault, *args):
    """What the command line prints for the same question, with the privacy policy (--share) as mcp applies it."""
    out = subprocess.run([binary, "--vault", vault, *args, "--share", "--format", "json"], capture_output=True, timeout=120)
    return json.loads(out.stdout)


def test_negotiation(binary, vault):
    for version in ("2025-06-18", "2025-11-25"):
        c = Client(binary, vault)
        answer = c.initialize(version)
        check(answer["result"]["protocolVersion"] == version, f"initialize {version}: the same revision answered")
        caps = answer["result"]["capabilities"]
        check("tools" in caps and "resources" in caps, f"initialize {version}: tools and resources capabilities")
        check(c.request("ping")["result"] == {}, f"{version}: ping")
        tools = c.request("tools/list")["result"]["tools"]
        check(len(tools) == 8 and all("outputSchema" in t for t in tools), f"{version}: tools/list with output schemas")
        check(c.close() == 0, f"{version}: exit 0 when stdin closes")
    c = Client(binary, vault)
    answer = c.initialize("2024-11-05")
    check(answer["result"]["protocolVersion"] == "2025-11-25", "initialize with an unsupported revision gets the newest")
    c.close()
    c = Client(binary, vault)
    discover = c.request("server/discover", stateless=True)["result"]
    check(discover["supportedVersions"] == ["2026-07-28", "2025-11-25", "2025-06-18"], "server/discover lists the revisions")
    listed = c.request("tools/list", stateless=True)["result"]
    check(listed["resultType"] == "complete" and listed["cacheScope"] == "private" and "ttlMs" in listed,
          "2026-07-28: tools/list carries resultType, ttlMs, cacheScope")
    check(listed["_meta"]["io.modelcontextprotocol/serverInfo"]["name"] == "mdvault", "2026-07-28: serverInfo in _meta")
    bad = c.request("tools/list", {"_meta": {"io.modelcontextprotocol/protocolVersion": "1900-01-01",
                                             "io.modelcontextprotocol/clientCapabilities": {}}})
    check(bad["error"]["code"] == -32022 and bad["error"]["data"]["requested"] == "1900-01-01",
          "2026-07-28: an unsupported revision gets UnsupportedProtocolVersion")
    call = c.request("tools/call", {"name": "vault_info", "arguments": {}}, stateless=True)["result"]
    check(call["structuredContent"]["notes"] > 0, "2026-07-28: tools/call without a handshake")
    check(c.close() == 0, "2026-07-28: exit 0 when stdin closes")


def test_tools(binary, vault):
    c = Client(binary, vault)
    c.initialize()
    info = structured(c.tool("vault_info", {}))
    listed = cli_json(binary, vault, "query", "LIST")
    check(info["notes"] == len(listed), "vault_info counts the notes query LIST finds", f"{info['notes']} vs {len(listed)}")
    dql = 'TABLE file.name AS name FROM "" SORT file.path'
    rows = structured(c.tool("query", {"dql": dql, "limit": 1000}))
    check(rows["rows"] == cli_json(binary, vault, "query", dql), "query returns the rows of `mdvault query --format json`")
    first = listed[0]["File"] if listed else ""
    note = structured(c.tool("show_note", {"note": first, "include_text": True}))
    shown = cli_json(binary, vault, "show", first)
    check(note["fields"] == shown["frontmatter"] and [l["resolved"] for l in note["links"]] == [l["resolved"] for l in shown["links"]],
          "show_note gives the fields and link targets of `mdvault show`")
    check(len(note["backlinks"]) == len(shown["backlinks"]), "show_note gives the backlinks of `mdvault show`")
    check(note["text"]["content"] != "", "show_note gives the text on request")
    word = "attachment"
    hits = structured(c.tool("search", {"query": word, "limit": 500}))
    cli_hits = cli_json(binary, vault, "search", word)
    check(hits["total"] == len(cli_hits) and [(h["path"], h["line"]) for h in hits["hits"]] ==
          [(h["path"], h["line"]) for h in cli_hits[:500]], "search finds the lines `mdvault search` finds")
    compared_rows = 0
    for base_file, views in (("Bases/Sessions by client.base", ("By client", "By month")),
                             ("Bases/Unfinished notes.base", ("By kind", "To do"))):
        for view in views:
            cli = cli_json(binary, vault, "base", os.path.join(vault, base_file), "--view", view)
            rows, cursor = [], None
            while True:
                page = structured(c.tool("base", {"path": base_file, "view": view, "limit": 2,
                                                  **({"cursor": cursor} if cursor else {})}))
                rows += page["rows"]
                cursor = page["next_cursor"]
                if not cursor:
                    break
            same = all(page.get(k) == cli.get(k) for k in ("view", "type", "columns", "groupBy", "groups", "summaries"))
            compared_rows += len(rows)
            check(rows == cli["rows"] and page["total"] == len(rows) and same,
                  f"base {base_file} / {view}: the rows, groups and summaries of `mdvault base --share --format json`",
                  f"{json.dumps(rows)[:200]} vs {json.dumps(cli.get('rows'))[:200]}")
    check(compared_rows > 0, "base: the compared views have rows", str(compared_rows))
    # The session notes are private in vault-example: the owner sees them, the tool does not.
    owner = subprocess.run([binary, "--vault", vault, "base", os.path.join(vault, "Bases/Sessions by client.base"),
                            "--format", "json"], capture_output=True, timeout=120)
    owner_rows = {r["path"] for r in json.loads(owner.stdout)["rows"]}
    shared = structured(c.tool("base", {"path": "Bases/Sessions by client.base", "limit": 1000}))
    check(owner_rows and not owner_rows & {r["path"] for r in shared["rows"]} and
          all(s["value"] in (0, None) for s in shared["summaries"]),
          "base: private notes are in no row or summary (the owner's command line has them)", str(len(owner_rows)))
    first_view = structured(c.tool("base", {"path": "Bases/Sessions by client.base"}))
    check(first_view["view"] == "By client" and first_view["views"] == ["By client", "By month"],
          "base: without a view, the first; views names them all")
    links = structured(c.tool("links", {"note": first}))
    check(links["note"] == first and isinstance(links["outgoing"], list), "links of a note")
    broken = structured(c.tool("links", {"kind": "broken"}))
    cli_broken = cli_json(binary, vault, "links", "--broken")
    check(broken["total"] == len(cli_broken), "links broken: as many as `mdvault links --broken`",
          f"{broken['total']} vs {len(cli_broken)}")
    orphans = structured(c.tool("links", {"kind": "orphans"}))
    check(orphans["total"] == len(cli_json(binary, vault, "links", "--orphans")), "links orphans: as `mdvault links --orphans`")
    page = structured(c.tool("list_notes", {"limit": 2}))
    check(page["total"] == info["notes"] and len(page["notes"]) == 2 and page["next_cursor"], "list_notes pages")
    page2 = structured(c.tool("list_notes", {"limit": 2, "cursor": page["next_cursor"]}))
    check(page2["notes"][0]["path"] != page["notes"][0]["path"], "list_notes: the cursor gives the next page")
    if info["classes"]:
        klass = info["classes"][0]
        by_class = structured(c.tool("list_notes", {"class": klass["name"], "limit": 500}))
        check(by_class["total"] == klass["notes"], "list_notes by class counts what vault_info says")
    lint = structured(c.tool("lint", {"limit": 1000}))
    # Linted as shared: a link to a private note is the text [withheld], which x-link flags.
    artefacts = [f for f in lint["findings"] if f["rule"] == "schema.x-link" and "[withheld]" in f["message"]]
    check(lint["checked_notes"] == info["notes"] and len(artefacts) == lint["errors"] == lint["total"],
          "lint of the shared vault: only the links the policy withheld are flagged", json.dumps(lint["findings"][:3]))
    resources = []
    cursor = None
    while True:
        result = c.request("resources/list", {"cursor": cursor} if cursor else {})["result"]
        resources += result["resources"]
        cursor = result.get("nextCursor")
        if not cursor:
            break
    check(len(resources) == info["notes"], "resources/list gives every note")
    read = c.request("resources/read", {"uri": resources[0]["uri"]})["result"]["contents"][0]
    check(read["mimeType"] == "text/markdown" and read["uri"] == resources[0]["uri"], "resources/read")
    templates = c.request("resources/templates/list")["result"]["resourceTemplates"]
    check({t["uriTemplate"] for t in templates} == {"mdvault://note/{+path}", "mdvault://name/{name}"}, "resource templates")
    check(c.close() == 0, "tools: clean exit")
    c = Client(binary, vault, "--include-private")
    c.initialize()
    lint = structured(c.tool("lint", {}))
    owner = subprocess.run([binary, "--vault", vault, "lint", "--format", "json"], capture_output=True, timeout=120)
    check(lint["errors"] == 0 and owner.returncode == 0, "lint with --include-private: vault-example is clean, as `mdvault lint` says")
    check(structured(c.tool("vault_info", {}))["privacy"] == "off", "--include-private: vault_info says the policy is off")
    c.close()


def test_errors(binary, vault):
    c = Client(binary, vault)
    c.initialize()
    c.send_raw(b"{this is not json\n")
    check(c.recv()["error"]["code"] == -32700, "malformed JSON: parse error")
    c.send_raw(b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"' + b"a" * (5 << 20) + b'"}}\n')
    check(c.recv()["error"]["code"] == -32600, "a line of 5 MB: invalid request, and the server goes on")
    check(c.request("ping")["result"] == {}, "still serving after the long line")
    c.send_raw(b'[{"jsonrpc":"2.0","id":2,"method":"ping"}]\n')
    check(c.recv()["error"]["code"] == -32600, "a batch is refused")
    check(c.request("tools/lst")["error"]["code"] == -32601, "unknown method")
    check(c.request("tools/call")["error"]["code"] == -32602, "tools/call without params")
    check(c.request("resources/read", {})["error"]["code"] == -32602, "resources/read without uri")
    missing = c.request("resources/read", {"uri": "mdvault://note/No such note.md"})
    check(missing["error"]["code"] == -32002, "resources/read of a missing note: -32002 (2025-11-25)")
    wrong = c.tool("show_note", {"note": 12})
    check(wrong.get("isError") and "must be a string" in wrong["content"][0]["text"], "wrong argument type: tool error")
    syntax = c.tool("query", {"dql": "TABLE WHERE FROM"})
    check(syntax.get("isError") and "syntax error" in syntax["content"][0]["text"], "DQL syntax error: tool error")
    start = time.time()
    regex = c.tool("query", {"dql": 'TABLE regexmatch("(a+)+$", "' + "a" * 40 + 'b") AS r FROM ""', "limit": 1})
    check("content" in regex, "a backtracking regex is answered (a row or a tool error)")
    check(time.time() - start < 30, "a backtracking regex is answered in time", f"{time.time() - start:.1f}s")
    outside = c.tool("show_note", {"note": "../../etc/passwd"})
    check(outside.get("isError") and "leaves the vault" in outside["content"][0]["text"], "a path with .. is refused")
    for args, expected, what in (
            ({"path": "Bases/Sessions by client.base", "view": "By clinet"}, "Did you mean 'By client'?", "an unknown view"),
            ({"path": "Bases/Sesions by client.base"}, "Did you mean 'Bases/Sessions by client.base'?", "a missing .base file"),
            ({"path": "../outside.base"}, "leaves the vault", "a .base path with .."),
            ({"path": "/etc/x.base"}, "not a path inside", "an absolute .base path"),
            ({"path": "Start Here.md"}, "no ```base code block", "a note without base blocks")):
        answer = c.tool("base", args)
        check(answer.get("isError") and expected in answer["content"][0]["text"], f"base: {what} is a tool error",
              json.dumps(answer)[:300])
    absolute = c.request("resources/read", {"uri": "mdvault://note/%2Fetc%2Fpasswd"})
    check("error" in absolute, "an absolute path in a URI is refused")
    # 1,000 requests in flight: written at once, answered in order.
    burst = b"".join(json.dumps({"jsonrpc": "2.0", "id": 10000 + i, "method": "tools/call",
                                 "params": {"name": "vault_info", "arguments": {}}}).encode() + b"\n" for i in range(1000))
    writer = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=c.proc.stdin)  # writes while we read
    writer.stdin.write(burst)
    writer.stdin.close()
    ids = [c.recv(120)["id"] for _ in range(1000)]
    writer.wait()
    check(ids == list(range(10000, 11000)), "1,000 requests in flight: each answered, in order")
    # A cancellation that arrives with its request: the request is not answered.
    c.send_raw(b'{"jsonrpc":"2.0","id":900,"method":"tools/call","params":{"name":"vault_info","arguments":{}}}\n'
               b'{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":900}}\n'
               b'{"jsonrpc":"2.0","id":901,"method":"ping"}\n')
    check(c.recv()["id"] == 901, "notifications/cancelled: the cancelled request gets no answer")
    check(c.close() == 0, "errors: clean exit on EOF")
    # A client that stops reading: the server exits instead of hanging.
    c = Client(binary, vault)
    c.initialize()
    c.proc.stdout.close()
    try:
        for i in range(50):
            c.send({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": {"name": "vault_info", "arguments": {}}})
    except BrokenPipeError:
        pass
    try:
        code = c.proc.wait(30)
    except subprocess.TimeoutExpired:
        c.proc.kill()
        code = None
    check(code == 0, "stdout closed by the client: the server stops cleanly", str(code))
    # SIGTERM.
    c = Client(binary, vault)
    c.initialize()
    c.proc.send_signal(signal.SIGTERM)
    try:
        code = c.proc.wait(30)
    except subprocess.TimeoutExpired:
        c.proc.kill()
        code = None
    check(code == 0, "SIGTERM: clean exit", str(code))


def test_freshness(binary, source, tmp):
    vault = os.path.join(tmp, "fresh", "vault-example")
    shutil.copytree(os.path.join(source, "vault-example"), vault)
    shutil.copytree(os.path.join(source, "schemas"), os.path.join(tmp, "fresh", "schemas"))  # its .mdvault.yaml says ../schemas
    c = Client(binary, vault)
    c.initialize()
    before = structured(c.tool("vault_info", {}))["notes"]
    with open(os.path.join(vault, "Fresh note.md"), "w") as f:
        f.write("---\nstatus: new\n---\nA freshly written note about zanzibarite.\n")
    after = structured(c.tool("vault_info", {}))["notes"]
    check(after == before + 1, "a note written between two calls is seen by the next", f"{before} -> {after}")
    hits = structured(c.tool("search", {"query": "zanzibarite"}))
    check(hits["total"] == 1, "search finds the new note's text")
    os.remove(os.path.join(vault, "Fresh note.md"))
    gone = c.tool("show_note", {"note": "Fresh note"})
    check(gone.get("isError") is True, "a note deleted between two calls is gone from the next answer")
    check(c.close() == 0, "freshness: clean exit")


def load_privacy_fixture(source):
    spec = importlib.util.spec_from_file_location("check_privacy", os.path.join(source, "tests", "privacy", "check_privacy.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_privacy(binary, source, tmp):
    fixture = load_privacy_fixture(source)
    vault = os.path.join(tmp, "private-vault")
    shutil.copytree(os.path.join(source, "tests", "privacy", "vault"), vault)
    map_path = os.path.join(tmp, "pseudonyms.json")
    # Bases over every note (the private ones must stay out of rows, groups and summaries), one
    # under a private folder and links out of the vault and into the private folder (never read).
    every_note = ("views:\n  - type: table\n    name: All\n    groupBy:\n      property: client\n      direction: ASC\n"
                  "    order: [file.name, file.path, client, aliases, file.links, file.backlinks, file.tags]\n"
                  "    summaries:\n      file.name: Filled\n      client: Unique\n  - type: list\n    name: Names\n"
                  "    order: [file.basename, visibility]\n")
    os.makedirs(os.path.join(vault, "Bases"), exist_ok=True)
    for rel in ("Bases/Every note.base", "Clients/Client list.base"):
        with open(os.path.join(vault, rel), "w") as f:
            f.write(every_note)
    with open(os.path.join(tmp, "outside.base"), "w") as f:
        f.write(every_note)
    os.symlink(os.path.join(tmp, "outside.base"), os.path.join(vault, "Bases", "Outside.base"))
    os.symlink(os.path.join("..", "Clients", "Client list.base"), os.path.join(vault, "Bases", "Into private.base"))

    names = set()
    folders = set()
    for root, dirs, files in os.walk(vault):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), vault)
            if f.endswith(".md"):
                names.add(rel)
                names.add(rel[:-3])
                names.add(f[:-3])
        for d in dirs:
            folders.add(os.path.relpath(os.path.join(root, d), vault))
    names.update(fixture.CLIENT_NAMES)
    for aliases in fixture.CLIENT_ALIASES.values():
        names.update(aliases)

    stderr_path = os.path.join(tmp, "privacy-stderr.txt")
    c = Client(binary, vault, "--pseudonym-map", map_path, stderr_path=stderr_path)
    c.initialize()
    leaks = []
    answers = 0

    def sweep(method, params):
        nonlocal answers
        message = {"jsonrpc": "2.0", "id": c.next_id, "method": method, "params": params}
        c.next_id += 1
        request = json.dumps(message, ensure_ascii=False).encode()
        c.send_raw(request + b"\n")
        answer = c.read_line()
        answers += 1
        echoed = {text for _, text, _, _ in fixture.scan(request)}  # what the request itself said
        for label, text, _, ctx in fixture.scan(answer):
            if text not in echoed:
                leaks.append(f"{method} {json.dumps(params, ensure_ascii=False)[:80]}: {label} {text!r} in …{ctx}…")
        return json.loads(answer)

    sweep("tools/list", {})
    uris = []
    cursor = None
    while True:
        result = sweep("resources/list", {"cursor": cursor} if cursor else {})["result"]
        uris += [r["uri"] for r in result["resources"]]
        cursor = result.get("nextCursor")
        if not cursor:
            break
    for uri in uris:
        sweep("resources/read", {"uri": uri})
        shared_path = urllib.parse.unquote(uri[len("mdvault://note/"):])  # the names as shared (pseudonyms)
        names.update({shared_path, shared_path[:-3], os.path.basename(shared_path)[:-3]})
    for name in sorted(names):
        sweep("resources/read", {"uri": "mdvault://name/" + name})
        sweep("tools/call", {"name": "show_note", "arguments": {"note": name, "include_text": True}})
        sweep("tools/call", {"name": "links", "arguments": {"note": name}})
        sweep("tools/call", {"name": "lint", "arguments": {"path": name}})
        sweep("tools/call", {"name": "search", "arguments": {"query": name}})
        sweep("tools/call", {"name": "list_notes", "arguments": {"tag": name}})
        sweep("tools/call", {"name": "base", "arguments": {"path": name}})
    for folder in sorted(folders) + [""]:
        sweep("tools/call", {"name": "list_notes", "arguments": {"folder": folder, "limit": 500}})
        sweep("tools/call", {"name": "query", "arguments": {"dql": f'TABLE file.name, client, aliases, file.outlinks, file.inlinks FROM "{folder}"'}})
        sweep("tools/call", {"name": "links", "arguments": {"kind": "broken", "folder": folder}})
        sweep("tools/call", {"name": "links", "arguments": {"kind": "orphans", "folder": folder}})
    for word in ("session", "client", "phone", "private", "PRIV", "555", "rescuing", "comment", "withheld"):
        sweep("tools/call", {"name": "search", "arguments": {"query": word, "limit": 500}})
    sweep("tools/call", {"name": "query", "arguments": {"dql": "TABLE rows.file.name GROUP BY client"}})
    every = [sweep("tools/call", {"name": "base", "arguments": {"path": "Bases/Every note.base", "view": view, "limit": 1000}})
             for view in ("All", "Names")]
    rows = [r["path"] for r in every[0]["result"]["structuredContent"]["rows"]]
    check(sorted(rows) == sorted(set(rows)) and len([r for r in rows if r.endswith(".md")]) == len(fixture.PUBLIC_NOTES),
          "privacy: a base over every note has a row for each public note only", str(len(rows)))
    for rel, why in (("Clients/Client list.base", "no .base file"), ("Bases/Outside.base", "no .base file"),
                     ("Bases/Into private.base", "symbolic link")):
        refused = sweep("tools/call", {"name": "base", "arguments": {"path": rel}})["result"]
        check(refused.get("isError") and why in refused["content"][0]["text"], f"privacy: base {rel} is not read ({why})",
              json.dumps(refused)[:200])
    sweep("tools/call", {"name": "lint", "arguments": {"limit": 1000}})
    info = sweep("tools/call", {"name": "vault_info", "arguments": {}})["result"]["structuredContent"]
    check(not leaks, f"privacy: {answers} answers (every tool with every note name, every resource) hold nothing withheld",
          "; ".join(leaks[:5]))
    check(info["notes"] == len(fixture.PUBLIC_NOTES) and info["privacy"] == "applied",
          "privacy: vault_info counts only the public notes", str(info["notes"]))
    check(len(uris) == len(fixture.PUBLIC_NOTES), "privacy: only the public notes are resources")
    check(os.path.isfile(map_path) and oct(os.stat(map_path).st_mode & 0o777) == "0o600",
          "privacy: the pseudonym map is written outside the vault, mode 0600")
    # After a change the vault is read again; with the map, pseudonyms stay the same.
    with open(os.path.join(vault, "Concepts", "Added later.md"), "w") as f:
        f.write("A note added while serving.\n")
    again = []
    cursor = None
    while True:
        result = sweep("resources/list", {"cursor": cursor} if cursor else {})["result"]
        again += [r["uri"] for r in result["resources"]]
        cursor = result.get("nextCursor")
        if not cursor:
            break
    check(sorted(again) == sorted(uris + ["mdvault://note/Concepts/Added%20later.md"]),
          "privacy: read again after a change, the same pseudonyms in the paths")
    check(not leaks, "privacy: nothing withheld after the vault was read again", "; ".join(leaks[:5]))
    check(c.close() == 0, "privacy: clean exit")
    with open(stderr_path, encoding="utf-8", errors="replace") as f:
        log = f.read()
    check("privacy policy applied" in log, "privacy: the log on stderr says the policy is applied")

    # The sweep can fail: with the policy off, the same scan finds the private notes.
    c = Client(binary, vault, "--include-private", stderr_path=stderr_path)
    c.initialize()
    open_answer = c.request("resources/list")
    check(any(fixture.scan(json.dumps(open_answer, ensure_ascii=False).encode())),
          "--include-private: the private notes are there (the scan can find them)")
    c.close()
    with open(stderr_path, encoding="utf-8", errors="replace") as f:
        check("--include-private" in f.read(), "--include-private is announced on stderr")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    example = os.path.join(source, "vault-example")
    with tempfile.TemporaryDirectory() as tmp:
        for test in (lambda: test_negotiation(binary, example), lambda: test_tools(binary, example),
                     lambda: test_errors(binary, example), lambda: test_freshness(binary, source, tmp),
                     lambda: test_privacy(binary, source, tmp)):
            try:
                test()
            except Exception as error:  # a broken exchange fails the test, it does not stop the others
                check(False, "exchange", f"{type(error).__name__}: {error}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
