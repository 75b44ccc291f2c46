"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// scripts/bench-core.ts
var bench_core_exports = {};
__export(bench_core_exports, {
  analyze: () => analyze,
  loadCatalog: () => loadCatalog,
  scan: () => scan
});
module.exports = __toCommonJS(bench_core_exports);

// server/src/core/dsn/decode.ts
var MAX_DECODED = 8 * 1024 * 1024;
function decodeBody(text, start, end, encoding, charset = "utf-8") {
  if (end - start > MAX_DECODED * 2) end = start + MAX_DECODED * 2;
  const collected = encoding === "base64" ? base64Bytes(text, start, end) : encoding === "quoted-printable" ? qpBytes(text, start, end) : void 0;
  if (!collected) return void 0;
  return toText(collected.bytes, collected.byteRaw, collected.length, charset, end);
}
function base64Bytes(text, start, end) {
  const capacity = Math.ceil((end - start) * 3 / 4) + 3;
  const bytes = new Uint8Array(capacity);
  const byteRaw = new Uint32Array(capacity);
  let length = 0;
  let quad = "";
  let quadStart = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (!/[A-Za-z0-9+/=]/.test(c)) continue;
    if (!quad) quadStart = i;
    quad += c;
    if (quad.length === 4) {
      let decoded = "";
      try {
        decoded = atob(quad);
      } catch {
      }
      for (let k = 0; k < decoded.length; k++) {
        bytes[length] = decoded.charCodeAt(k);
        byteRaw[length++] = quadStart;
      }
      quad = "";
    }
  }
  return { bytes, byteRaw, length };
}
function qpBytes(text, start, end) {
  const bytes = new Uint8Array(end - start);
  const byteRaw = new Uint32Array(end - start);
  let length = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) {
      const h = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(h)) {
        bytes[length] = parseInt(h, 16);
        byteRaw[length++] = i;
        i += 2;
        continue;
      }
      const rest = /^[ \t]*\r?\n/.exec(text.slice(i + 1, i + 80));
      if (rest) {
        i += rest[0].length;
        continue;
      }
    }
    if (c > 255) {
      const encoded = new TextEncoder().encode(text[i]);
      for (const b of encoded) {
        bytes[length] = b;
        byteRaw[length++] = i;
      }
      continue;
    }
    bytes[length] = c;
    byteRaw[length++] = i;
  }
  return { bytes, byteRaw, length };
}
function toText(bytes, byteRaw, length, charset, end) {
  let decoder;
  try {
    decoder = new TextDecoder(charset, { fatal: false });
  } catch {
    decoder = new TextDecoder("utf-8", { fatal: false });
  }
  const text = decoder.decode(bytes.subarray(0, length));
  const rawOffset = new Uint32Array(text.length + 1);
  const utf8 = decoder.encoding === "utf-8";
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    rawOffset[i] = byteRaw[Math.min(b, length - 1)] ?? end;
    const cp = text.codePointAt(i);
    const width = !utf8 ? 1 : cp < 128 ? 1 : cp < 2048 ? 2 : cp < 65536 ? 3 : 4;
    if (cp > 65535) rawOffset[++i] = rawOffset[i - 1];
    b += width;
  }
  rawOffset[text.length] = b < length ? byteRaw[b] : end;
  return { text, rawOffset };
}

// server/src/core/dsn/mime.ts
var MAX_DEPTH = 16;
var MAX_PARTS = 5e3;
var MAX_HEADER_VALUE = 16 * 1024;
var FIELD = /^([!-9;-~]{1,128}):[ \t]?/;
function looksLikeMessage(text) {
  const head = text.slice(0, 16384);
  const blank = head.search(/\r?\n\r?\n/);
  const block = blank < 0 ? head : head.slice(0, blank);
  const firstLine = block.slice(0, block.indexOf("\n") >>> 0);
  if (!FIELD.test(firstLine) && !/^From /.test(firstLine)) return false;
  return /^(?:content-type|mime-version|received|return-path|message-id):/im.test(block);
}
function parseMessage(text, start = 0, end = text.length) {
  const budget = { parts: 0 };
  return parsePart(text, start, end, 0, budget);
}
function parsePart(text, start, end, depth, budget) {
  budget.parts++;
  const { headers, bodyStart } = readHeaders(text, start, end);
  const ct = headers.find((h) => h.name === "content-type");
  const { type, params } = parseContentType(ct?.value ?? "text/plain");
  const encoding = (headers.find((h) => h.name === "content-transfer-encoding")?.value ?? "7bit").trim().toLowerCase();
  const part = { headers, contentType: type, params, encoding, headerStart: start, bodyStart, bodyEnd: end, children: [] };
  if (depth >= MAX_DEPTH || budget.parts >= MAX_PARTS) return part;
  if (type.startsWith("multipart/") && params.boundary) {
    for (const [s, e] of splitMultipart(text, bodyStart, end, params.boundary)) {
      if (budget.parts >= MAX_PARTS) break;
      part.children.push(parsePart(text, s, e, depth + 1, budget));
    }
  } else if (type === "message/rfc822" || type === "message/global") {
    if (encoding === "7bit" || encoding === "8bit" || encoding === "binary") part.children.push(parsePart(text, bodyStart, end, depth + 1, budget));
  }
  return part;
}
function readHeaders(text, start, end) {
  const headers = [];
  let pos = start;
  let current;
  const finish = () => {
    if (current) {
      current.header.value = current.pieces.join(" ").trim();
      headers.push(current.header);
      current = void 0;
    }
  };
  while (pos < end) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0 || nl >= end) nl = end;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (lineEnd === pos) {
      finish();
      return { headers, bodyStart: Math.min(nl + 1, end) };
    }
    const c = text.charCodeAt(pos);
    if ((c === 32 || c === 9) && current) {
      if (current.length < MAX_HEADER_VALUE) {
        const piece = text.slice(pos, Math.min(lineEnd, pos + MAX_HEADER_VALUE)).trim();
        current.pieces.push(piece);
        current.length += piece.length + 1;
      }
      current.header.end = lineEnd;
    } else {
      const line = text.slice(pos, Math.min(lineEnd, pos + 512));
      const m = FIELD.exec(line);
      if (!m) {
        finish();
        return { headers, bodyStart: pos };
      }
      finish();
      const valueStart = pos + m[0].length;
      const first = text.slice(valueStart, Math.min(lineEnd, valueStart + MAX_HEADER_VALUE));
      current = { header: { name: m[1].toLowerCase(), value: "", start: pos, end: lineEnd, valueStart }, pieces: [first], length: first.length };
    }
    pos = nl + 1;
  }
  finish();
  return { headers, bodyStart: end };
}
function parseContentType(value) {
  const [typePart, ...rest] = value.split(";");
  const params = {};
  for (const p of rest.slice(0, 32)) {
    const eq = p.indexOf("=");
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"')) v = v.slice(1, v.indexOf('"', 1) > 0 ? v.indexOf('"', 1) : void 0);
    params[key] = v;
  }
  return { type: typePart.trim().toLowerCase() || "text/plain", params };
}
function splitMultipart(text, start, end, boundary) {
  const delimiter = `--${boundary}`;
  const ranges = [];
  let partStart = -1;
  let pos = start;
  while (pos < end) {
    const at2 = text.indexOf(delimiter, pos);
    if (at2 < 0 || at2 >= end) break;
    const lineStart = at2 === 0 || text.charCodeAt(at2 - 1) === 10;
    const nl = text.indexOf("\n", at2);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    if (!lineStart) {
      pos = at2 + delimiter.length;
      continue;
    }
    if (partStart >= 0) {
      let partEnd = at2 - 1;
      if (partEnd > partStart && text.charCodeAt(partEnd - 1) === 13) partEnd--;
      ranges.push([partStart, Math.max(partStart, partEnd)]);
    }
    if (text.startsWith("--", at2 + delimiter.length)) return ranges;
    partStart = Math.min(lineEnd + 1, end);
    pos = partStart;
  }
  if (partStart >= 0 && partStart < end) ranges.push([partStart, end]);
  return ranges;
}

// server/src/core/dsn/summary.ts
var CATEGORY_TITLES = {
  "user-unknown": "user unknown",
  "mailbox-full": "mailbox full",
  "blocked-spam": "blocked / spam",
  authentication: "authentication (SPF/DKIM/DMARC)",
  policy: "policy",
  "message-too-big": "message too big",
  "host-unknown": "host unknown",
  expired: "expired",
  "rate-limited": "rate limited",
  "system-error": "system error",
  other: "other"
};
function readDeliveryStatus(text, start = 0, end = text.length) {
  const groups = [];
  let pos = start;
  for (let guard = 0; pos < end && guard < 1e4; guard++) {
    while (pos < end && (text[pos] === "\n" || text[pos] === "\r")) pos++;
    if (pos >= end) break;
    const { headers, bodyStart } = readHeaders(text, pos, end);
    if (headers.length) groups.push(headers);
    if (bodyStart <= pos) {
      const nl = text.indexOf("\n", pos);
      pos = nl < 0 ? end : nl + 1;
    } else pos = bodyStart;
  }
  if (!groups.length) return [];
  const perMessage = groups[0].some((h) => h.name.endsWith("-recipient")) ? [] : groups[0];
  const reportingMta = typed(field(perMessage, "reporting-mta"));
  const blocks = [];
  for (const group of groups) {
    const anchor = group.find((h) => h.name === "final-recipient") ?? group.find((h) => h.name === "original-recipient");
    if (!anchor) continue;
    const action = field(group, "action")?.toLowerCase();
    const status = /[245]\.[0-9]{1,3}\.[0-9]{1,3}/.exec(field(group, "status") ?? "")?.[0];
    const diagnostic = typed(field(group, "diagnostic-code"));
    const replyCode = /^\s*([2-5][0-9]{2})(?![0-9])/.exec(diagnostic ?? "")?.[1];
    const outcome = outcomeOf(action, status);
    const category = categorize(status, diagnostic, outcome);
    blocks.push({
      start: anchor.start,
      end: anchor.end,
      summary: {
        recipient: typed(anchor.value) ?? anchor.value,
        outcome,
        action,
        status,
        replyCode,
        diagnostic,
        remoteMta: typed(field(group, "remote-mta")),
        reportingMta,
        lastAttempt: field(group, "last-attempt-date"),
        category,
        bounce: outcome === "failed" ? category === "mailbox-full" || status?.startsWith("4") ? "soft" : "hard" : outcome === "delayed" ? "soft" : "none"
      }
    });
  }
  return blocks;
}
function field(group, name) {
  return group.find((h) => h.name === name)?.value;
}
function typed(value) {
  if (value === void 0) return void 0;
  const semi = value.indexOf(";");
  return (semi >= 0 && semi < 24 ? value.slice(semi + 1) : value).trim();
}
function outcomeOf(action, status) {
  switch (action) {
    case "failed":
      return "failed";
    case "delayed":
      return "delayed";
    case "delivered":
      return "delivered";
    case "relayed":
      return "relayed";
    case "expanded":
      return "expanded";
  }
  if (status?.startsWith("5")) return "failed";
  if (status?.startsWith("4")) return "delayed";
  if (status?.startsWith("2")) return "delivered";
  return "unknown";
}
var RULES = [
  { category: "authentication", status: /^[45]\.7\.(?:2[0-9]|30)$/, words: /\b(?:spf|dkim|dmarc|unauthenticated|authentication failed|arc validation)\b/i },
  { category: "user-unknown", status: /^5\.1\.[1036]$/, words: /user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|recipient not found|address rejected|invalid recipient|mailbox unavailable|recipnotfound/i },
  { category: "mailbox-full", status: /^[45]\.2\.2$/, words: /mailbox (?:is )?full|over ?quota|quota exceeded|insufficient storage|storage (?:limit|quota)/i },
  { category: "message-too-big", status: /^[45]\.(?:3\.4|2\.3)$/, words: /too (?:big|large)|size limit|exceeds? (?:the )?(?:maximum )?(?:message )?size|message length/i },
  { category: "host-unknown", status: /^[45]\.(?:1\.2|4\.4|1\.10)$/, words: /host (?:not found|unknown)|domain (?:not found|does not exist)|unrouteable|no mx|name or service not known|nxdomain|null mx/i },
  { category: "expired", status: /^[45]\.4\.7$/, words: /expired|too old|delivery time|retry timeout|gave up/i },
  { category: "rate-limited", words: /rate limit|too many|throttl|try again later|unusual rate|exceeded.*(?:limit|threshold)|4\.7\.(?:5[0-9]{2}|6[0-9]{2})/i },
  { category: "blocked-spam", words: /spam|blocked|block ?list|black ?list|blacklisted|reputation|listed|rbl|spamhaus|banned|junk/i },
  { category: "policy", status: /^[45]\.7\.[0-9]{1,3}$/, words: /policy|not (?:permitted|allowed|authori[sz]ed)|relay (?:access )?denied|access denied|forbidden|rejected by/i },
  { category: "system-error", status: /^[45]\.(?:3|4)\.[0-9]{1,3}$/, words: /system (?:error|problem)|local error|internal error|temporar(?:y|ily)|service (?:not )?available|connection (?:timed out|refused|lost)/i }
];
function categorize(status, diagnostic, outcome) {
  if (outcome === "delivered" || outcome === "relayed" || outcome === "expanded") return "other";
  const text = diagnostic ?? "";
  for (const rule of RULES) if (status && !BROAD.has(rule.category) && rule.status?.test(status)) return rule.category;
  for (const rule of RULES) if (rule.words?.test(text)) return rule.category;
  for (const rule of RULES) if (status && rule.status?.test(status)) return rule.category;
  return "other";
}
var BROAD = /* @__PURE__ */ new Set(["policy", "system-error"]);

// server/src/core/scan/finding.ts
function makeFinding(f) {
  return { start: f.start, end: f.end, family: f.family, code: f.code, title: f.title, label: f.label, class: f.class, entryId: f.entryId, rule: f.rule, notes: f.notes, summary: f.summary };
}

// server/src/core/catalog/codes.ts
var REPLY = /^[2-5][0-9]{2}$/;
var ENHANCED = /^#?([245xX])[.\s]+([0-9]{1,3})[.\s]+([0-9]{1,3})$/;
var HEX = /^(?:0[xX\u00d7])?([0-9a-fA-F]{8})$/;
var NAME = /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+$/;
function parseCode(input) {
  const text = input.trim().replace(/^[("'[<]+|[)"'\]>.,;:]+$/g, "");
  if (REPLY.test(text)) return { family: "reply", code: text };
  const e = ENHANCED.exec(text);
  if (e) return { family: "enhanced", code: `${e[1].toUpperCase()}.${Number(e[2])}.${Number(e[3])}` };
  const h = HEX.exec(text);
  if (h && (/^0/.test(text) || /^8/.test(h[1]))) {
    if (/^[89a-fA-F]/.test(h[1])) return { family: "outlook", code: canonicalHex(h[1]) };
  }
  if (NAME.test(text)) return { family: "name", code: text.toUpperCase() };
  return void 0;
}
function canonicalHex(hexDigits) {
  return `0x${hexDigits.replace(/^0[xX\u00d7]/, "").toUpperCase()}`;
}
function registryKey(enhanced2) {
  return `X${enhanced2.slice(enhanced2.indexOf("."))}`;
}
function classOf(code, family, entry) {
  if (family === "reply" || family === "enhanced") {
    const d = code[0];
    return d === "2" ? "success" : d === "3" ? "intermediate" : d === "4" ? "transient" : d === "5" ? "permanent" : "unknown";
  }
  if (entry && entry.severity !== "both") return entry.severity;
  return "unknown";
}

// server/src/core/scan/rules.ts
var replyContexts = [
  { id: "transcript", description: "a server line of an SMTP transcript", example: "<<< 550 5.1.1 User unknown", before: /(?:<<<|<-|\bS:)[ \t]{0,8}/ },
  { id: "said", description: "Postfix: host \u2026 said:", example: "host mx.example.org[203.0.113.5] said: 550 5.1.1", before: /\bsaid:[ \t]{0,8}/ },
  { id: "reply", description: "reply: / response: / answer:", example: "reply: 421 Service not available", before: /\b(?:reply|response|answer|replied)(?: was)?[ \t]{0,4}[:=][ \t]{0,8}/ },
  { id: "smtp-error", description: "Exim: SMTP error from remote mail server after \u2026:", example: "SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1", before: /\bSMTP error from remote (?:mail )?server after [A-Za-z ]{1,24}(?::<[^>\n]{0,256}>)?(?:[ \t][^:\n]{0,64})?:[ \t]{0,8}/, reach: 400, needs: "error from remote" },
  { id: "smtp-word", description: "SMTP error / SMTP code / SMTP reply", example: "SMTP error 421", before: /\bSMTP[ \t](?:error|code|reply|status)[ \t]{0,4}(?:code[ \t]{0,4})?[:=#]?[ \t]{0,8}/ },
  { id: "diagnostic-code", description: "DSN Diagnostic-Code: smtp;", example: "Diagnostic-Code: smtp; 550 5.1.1", before: /\bsmtp;[ \t]{0,8}/ },
  { id: "key-value", description: "status=, stat=, code= and the like", example: "stat=550", before: /\b(?:status|stat|code|reply[-_]?code|smtp[-_]?code|response[-_]?code)[ \t]{0,4}[=:][ \t]{0,4}['"(]?/ },
  { id: "remote-server-returned", description: "Exchange: Remote Server returned '\u2026'", example: "Remote Server returned '550 5.7.1 Unable to relay'", before: /\breturned[ \t]{0,4}'/ },
  { id: "exchange-hash", description: "Exchange: #550 5.1.1", example: "#550 5.1.1 RESOLVER.ADR.RecipNotFound", before: /#/ },
  { id: "exchange-led", description: "Exchange message trace: the last error (LED=)", example: "{LED=550 5.7.708 Service unavailable. Access denied\u2026}", before: /\bLED=/ }
];
var enhancedContexts = [
  { id: "dsn", description: "Postfix/Sendmail dsn=", example: "dsn=5.1.1", before: /\bdsn=/ },
  { id: "status-field", description: "DSN Status: field or status=", example: "Status: 5.1.1", before: /\bstatus[ \t]{0,4}[:=][ \t]{0,8}/ },
  { id: "smtp-semicolon", description: "Diagnostic-Code: smtp;", example: "smtp; 5.1.1", before: /\bsmtp;[ \t]{0,8}/ },
  { id: "hash", description: "Exchange: #5.1.1", example: "#5.1.1", before: /#/ }
];
var mailEvidence = /smtp|e-?mail|mailbox|mail server|bounce|recipient|sender|relay|postfix|exim|sendmail|dsn|rcpt|ndr|deliver|mx\b|queue|message|spf|dkim|dmarc|blocked|rejected/i;
var versionWords = /(?:version|release|ver\.?|build|firmware|kernel|node|python|openssl|tls|v)[ \t]{0,2}$/i;
var bareHexContext = /error|fehler|erreur|code|number|hresult/i;
var transcriptLine = /^[ \t]*(?:[2-5][0-9]{2}[ -]|(?:EHLO|HELO|MAIL FROM|RCPT TO|DATA|QUIT|RSET|STARTTLS|AUTH|BDAT|NOOP|VRFY|EXPN)\b)/i;

// server/src/core/scan/scanner.ts
var ALL = /* @__PURE__ */ new Set(["reply", "enhanced", "outlook", "provider"]);
var anchored = (r) => ({ id: r.id, reach: r.reach ?? 32, needs: r.needs, re: new RegExp(`(?:${r.before.source})$`, "i") });
var REPLY_CONTEXTS = replyContexts.map(anchored);
var ENHANCED_CONTEXTS = enhancedContexts.map(anchored);
var CONTEXT_END = new Set([...`:;='#("<>-`].map((c) => c.charCodeAt(0)));
var ENHANCED_AT = /[245]\.[0-7]\.[0-9]{1,3}(?![0-9]|\.[0-9])/y;
var HEX_AT = /0[xX\u00d7]8[0-9a-fA-F]{7}(?![\w])/y;
var BARE_HEX_AT = /(?:800[cC]{3}[0-9a-fA-F]{2}|8004[0-9a-fA-F]{4}|8007[0-9a-fA-F]{4})(?![\w])/y;
var OUTLOOK_RANGES = /^0x800(?:CCC|4|7|3)/;
var HTTP_LINE = /\bHTTP\/[0-9]|"(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) \//;
var ENHANCED_AFTER = /^[ -]#?([245]\.[0-7]\.[0-9]{1,3})(?![0-9]|\.[0-9])/;
var CANDIDATE = /(?<![\w.])(?:[2-5][0-9]{2}(?![0-9])|[245]\.[0-7]\.[0-9]|0[xX\u00d7]8|800[cC47])/g;
var isDigit = (c) => c >= 48 && c <= 57;
var isWord = (c) => isDigit(c) || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95;
var at = (re, text, i) => {
  re.lastIndex = i;
  return re.exec(text)?.[0];
};
function scan(text, catalog, from = 0, to = text.length, options = {}) {
  const families = options.families ?? ALL;
  const findings = [];
  const lines = new LineFacts(text, from, options.aboutMail ?? false);
  const cache = /* @__PURE__ */ new Map();
  let linesWithCodes;
  let lastLineStart = -1;
  const end = Math.min(to, text.length);
  const candidates = new RegExp(CANDIDATE);
  candidates.lastIndex = from;
  const hay = end < text.length ? text.slice(0, end) : text;
  let m;
  while ((m = candidates.exec(hay)) !== null) {
    const i = m.index;
    const c = text.charCodeAt(i);
    let j = i + 1;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 10;
    const next = j < text.length ? text.charCodeAt(j) : 10;
    const run = j - i;
    let finding;
    let skipTo = j;
    if (run === 1 && next === 46 && (c === 50 || c === 52 || c === 53) && prev !== 46 && !isWord(prev) && prev !== 58 && prev !== 47) {
      const code = at(ENHANCED_AT, text, i);
      if (code) {
        const lineStart = lines.startOf(i);
        finding = enhanced(text, catalog, code, i, lineStart, findings, lines, cache);
        skipTo = i + code.length;
      }
    } else if (run === 3 && c >= 50 && c <= 53 && prev !== 46 && !isWord(prev) && !(next === 46 && isDigit(text.charCodeAt(j + 1)))) {
      finding = replyCandidate(text, catalog, i, lines, cache);
    } else if (c === 48 && run === 1 && !isWord(prev) && (next === 120 || next === 88 || next === 215)) {
      const raw = at(HEX_AT, text, i);
      if (raw) {
        finding = outlook(catalog, raw, i, "hex", cache);
        if (!finding.entryId && !OUTLOOK_RANGES.test(finding.code)) finding = void 0;
        skipTo = i + raw.length;
      }
    } else if (c === 56 && run >= 3 && run <= 8 && !isWord(prev)) {
      const raw = at(BARE_HEX_AT, text, i);
      if (raw && bareHexContext.test(text.slice(lines.startOf(i), i))) {
        finding = outlook(catalog, raw, i, "hex-after-error", cache);
        skipTo = i + raw.length;
      }
    }
    if (finding && families.has(finding.family)) {
      findings.push(finding);
      const lineStart = lines.startOf(i);
      if (lineStart !== lastLineStart) (linesWithCodes ??= []).push(lineStart);
      lastLineStart = lineStart;
    }
    candidates.lastIndex = Math.max(skipTo, i + 1);
  }
  if (families.has("provider")) addProviderFindings(text, catalog, findings, linesWithCodes ?? [], from, to);
  return findings;
}
function replyCandidate(text, catalog, i, lines, cache) {
  const lineStart = lines.startOf(i);
  let k = i - 1;
  while (k >= lineStart && i - k <= 9 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k >= lineStart && CONTEXT_END.has(text.charCodeAt(k))) {
    const rule = REPLY_CONTEXTS.find((r) => {
      const window = text.slice(Math.max(lineStart, i - r.reach), i);
      return (!r.needs || window.includes(r.needs)) && r.re.test(window);
    });
    if (rule) return replyAfterContext(text, catalog, i, rule.id, lineStart, lines, cache);
  }
  if (k < lineStart && i - lineStart <= 16) return replyAtLineStart(text, i, catalog, lineStart, lines, cache);
  const prev = text.charCodeAt(i - 1);
  if (prev !== 58 && prev !== 47 && prev !== 61 && prev !== 45 && ENHANCED_AFTER.test(text.slice(i + 3, i + 16))) return reply(catalog, text.slice(i, i + 3), i, "paired", cache);
  return void 0;
}
function resolve(catalog, family, code, cache) {
  const key = `${family}:${code}`;
  let r = cache.get(key);
  if (!r) {
    const result = catalog.lookup(code);
    const entry = result.entries.find((e) => e.family === family) ?? (family === "enhanced" ? result.entries[0] : void 0);
    const fallback = family === "reply" ? result.classInfo?.title ?? "SMTP reply code" : family === "enhanced" ? result.subjectInfo?.title ?? "Enhanced status code" : "Unknown Outlook / Windows error";
    const standard = family === "enhanced" ? result.entries.find((e) => e.family === "enhanced") : void 0;
    r = {
      known: result.known,
      entryId: entry?.id,
      title: entry?.title ?? fallback,
      entry,
      deprecatedNote: standard?.deprecated ? `${code} is deprecated: ${standard.notes?.[0] ?? "see the registry for its replacement."}` : void 0
    };
    cache.set(key, r);
  }
  return r;
}
function replyAfterContext(text, catalog, start, rule, lineStart, lines, cache) {
  const code = text.slice(start, start + 3);
  if (rule === "key-value" || rule === "exchange-hash") {
    if (lines.isHttp(lineStart)) return void 0;
    const paired = ENHANCED_AFTER.test(text.slice(start + 3, start + 16));
    if (!paired && !(resolve(catalog, "reply", code, cache).known && lines.isMail(lineStart))) return void 0;
  }
  return reply(catalog, code, start, rule, cache);
}
function replyAtLineStart(text, start, catalog, lineStart, lines, cache) {
  const code = text.slice(start, start + 3);
  const after = text.charCodeAt(start + 3);
  if (!(after === 32 || after === 45 || after === 13 || after === 10 || Number.isNaN(after))) return void 0;
  const rest = text.slice(start + 3, start + 16);
  if (ENHANCED_AFTER.test(rest) || rest.startsWith("-") || lines.aboutMail) return reply(catalog, code, start, "line-start", cache);
  if (!resolve(catalog, "reply", code, cache).known) return void 0;
  const prevEnd = lineStart - 1;
  const prev = prevEnd > 0 ? lineAt(text, text.lastIndexOf("\n", prevEnd - 1) + 1) : "";
  const nextStart = text.indexOf("\n", start);
  const next = nextStart >= 0 ? lineAt(text, nextStart + 1) : "";
  if (transcriptLine.test(prev) || transcriptLine.test(next)) return reply(catalog, code, start, "line-start", cache);
  return void 0;
}
function enhanced(text, catalog, code, start, lineStart, found, lines, cache) {
  const previous = found[found.length - 1];
  const paired = previous?.family === "reply" && previous.end >= start - 2;
  let rule = paired ? "paired" : ENHANCED_CONTEXTS.find((r2) => r2.re.test(text.slice(Math.max(lineStart, start - r2.reach), start)))?.id;
  const before = text.slice(Math.max(lineStart, start - 24), start);
  if (!rule) {
    if (versionWords.test(before)) return void 0;
    if (!lines.isMail(lineStart)) return void 0;
    rule = "mail-line";
  }
  const r = resolve(catalog, "enhanced", code, cache);
  const finding = makeFinding({ start, end: start + code.length, family: "enhanced", code, rule, class: classOf(code, "enhanced"), title: r.title, entryId: r.entryId });
  const notes = [];
  if (paired && previous.code[0] !== code[0]) {
    notes.push(`Reply code ${previous.code} and enhanced code ${code} are of different classes (${previous.class} vs ${finding.class}).`);
  }
  if (r.deprecatedNote) notes.push(r.deprecatedNote);
  if (!r.known) notes.push(`${code} is not a registered enhanced status code (nor one the catalog knows from a provider).`);
  if (notes.length) finding.notes = notes;
  return finding;
}
function reply(catalog, code, start, rule, cache) {
  const r = resolve(catalog, "reply", code, cache);
  return makeFinding({ start, end: start + 3, family: "reply", code, rule, class: classOf(code, "reply"), title: r.title, entryId: r.entryId });
}
function outlook(catalog, raw, start, rule, cache) {
  const code = canonicalHex(raw);
  const r = resolve(catalog, "outlook", code, cache);
  return makeFinding({ start, end: start + raw.length, family: "outlook", code, rule, class: r.entry ? classOf(code, "outlook", r.entry) : "unknown", title: r.title, entryId: r.entryId });
}
function addProviderFindings(text, catalog, findings, linesWithCodes, from, to) {
  const added = [];
  const seen = /* @__PURE__ */ new Set();
  let i = 0;
  for (const lineStart of linesWithCodes) {
    if (seen.has(lineStart)) continue;
    seen.add(lineStart);
    const line = lineAt(text, lineStart);
    const codes = [];
    while (i < findings.length && findings[i].start < lineStart) i++;
    let first = -1;
    for (let j = i; j < findings.length && findings[j].start < lineStart + line.length; j++) {
      if (findings[j].family !== "reply" && findings[j].family !== "enhanced") continue;
      codes.push(findings[j].code);
      if (first < 0) first = findings[j].start - lineStart;
    }
    const message = first > 0 ? line.slice(first) : line;
    const best = catalog.matchProviders(message, codes)[0];
    if (best) added.push(providerFinding(catalog, best, message, lineStart + Math.max(0, first)));
  }
  if (catalog.hasCodelessEntries) {
    for (const lineStart of catalog.linesWithCodelessPhrases(text, from, to)) {
      if (seen.has(lineStart)) continue;
      const line = lineAt(text, lineStart);
      const best = catalog.matchProviders(line, []).find((e) => !e.codes?.length);
      if (best) added.push(providerFinding(catalog, best, line, lineStart));
    }
  }
  if (added.length) {
    added.sort((a, b) => a.start - b.start);
    const merged = mergeByStart(findings, added);
    findings.length = 0;
    for (const f of merged) findings.push(f);
  }
}
function mergeByStart(a, b) {
  const out = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i].start < b[j].start || a[i].start === b[j].start && a[i].end <= b[j].end ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
function providerFinding(catalog, entry, line, lineStart) {
  const where = catalog.phraseLocation(entry, line);
  const start = lineStart + (where?.index ?? 0);
  return makeFinding({ start, end: start + (where?.length ?? line.length), family: "provider", code: entry.id, label: `${entry.providerName ?? entry.provider} ${entry.code}`, rule: "phrase", class: classOf(entry.code, "provider", entry), title: `${entry.providerName ?? entry.provider}: ${entry.title}`, entryId: entry.id });
}
var LineFacts = class {
  constructor(text, from, aboutMail) {
    this.text = text;
    this.aboutMail = aboutMail;
    this.start = from > 0 ? text.lastIndexOf("\n", from - 1) + 1 : 0;
    this.next = this.nextStart(this.start);
  }
  text;
  aboutMail;
  start;
  next;
  mail;
  http;
  startOf(offset) {
    while (this.next <= offset) {
      this.start = this.next;
      this.next = this.nextStart(this.start);
      this.mail = this.http = void 0;
    }
    return this.start;
  }
  isMail(lineStart) {
    if (this.aboutMail) return true;
    return lineStart === this.start ? this.mail ??= mailEvidence.test(lineAt(this.text, lineStart)) : mailEvidence.test(lineAt(this.text, lineStart));
  }
  isHttp(lineStart) {
    return lineStart === this.start ? this.http ??= HTTP_LINE.test(lineAt(this.text, lineStart)) : HTTP_LINE.test(lineAt(this.text, lineStart));
  }
  nextStart(lineStart) {
    const nl = this.text.indexOf("\n", lineStart);
    return nl < 0 ? Infinity : nl + 1;
  }
};
function lineAt(text, lineStart) {
  let end = text.indexOf("\n", lineStart);
  if (end < 0) end = text.length;
  if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(lineStart, Math.min(end, lineStart + 8192));
}

// server/src/core/analyze.ts
function analyze(text, catalog, options = {}) {
  const asMessage = options.message ?? looksLikeMessage(text);
  if (!asMessage) return scan(text, catalog, 0, text.length, options);
  return analyzeMessage(text, catalog, options);
}
function analyzeMessage(text, catalog, options) {
  const root = parseMessage(text);
  const findings = [];
  visit(root, (part, isLeaf) => {
    append(findings, scan(text, catalog, part.headerStart, part.bodyStart, options));
    if (!isLeaf) return;
    if (!isTextual(part.contentType)) return;
    const charset = part.params.charset;
    const decoded = part.encoding === "base64" || part.encoding === "quoted-printable" ? decodeBody(text, part.bodyStart, part.bodyEnd, part.encoding, charset) : void 0;
    if (decoded) {
      for (const f of scan(decoded.text, catalog, 0, decoded.text.length, options)) {
        findings.push({ ...f, start: decoded.rawOffset[f.start], end: Math.max(decoded.rawOffset[f.end - 1] + 1, decoded.rawOffset[f.end]) });
      }
    } else {
      append(findings, scan(text, catalog, part.bodyStart, part.bodyEnd, options));
    }
    if (isDeliveryStatus(part.contentType)) {
      const blocks = decoded ? readDeliveryStatus(decoded.text) : readDeliveryStatus(text, part.bodyStart, part.bodyEnd);
      for (const block of blocks) {
        const start = decoded ? decoded.rawOffset[block.start] : block.start;
        const end = decoded ? decoded.rawOffset[Math.max(block.start, block.end - 1)] + 1 : block.end;
        findings.push(summaryFinding(block, start, end));
      }
    }
  });
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return dedupe(findings);
}
function append(to, items) {
  for (const f of items) to.push(f);
}
function visit(part, fn) {
  fn(part, part.children.length === 0);
  for (const child of part.children) visit(child, fn);
}
function isTextual(type) {
  return type.startsWith("text/") || type.startsWith("message/");
}
function isDeliveryStatus(type) {
  return type === "message/delivery-status" || type === "message/global-delivery-status";
}
function summaryFinding(block, start, end) {
  const s = block.summary;
  const cls = s.outcome === "failed" ? "permanent" : s.outcome === "delayed" ? "transient" : s.outcome === "unknown" ? "unknown" : "success";
  const codes = [s.replyCode, s.status].filter(Boolean).join(" ");
  const title = `${s.recipient}: ${outcomeWords(s.outcome)}${codes ? ` (${codes})` : ""}${s.outcome === "failed" || s.outcome === "delayed" ? ` \u2014 ${CATEGORY_TITLES[s.category]}, ${s.bounce} bounce` : ""}`;
  return makeFinding({ start, end, family: "dsn-summary", code: s.recipient, title, class: cls, rule: "dsn", summary: s });
}
function outcomeWords(outcome) {
  return outcome === "failed" ? "failed permanently" : outcome === "delayed" ? "delayed" : outcome === "delivered" ? "delivered" : outcome;
}
function dedupe(findings) {
  const out = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && last.start === f.start && last.end === f.end && last.family === f.family && last.code === f.code) continue;
    out.push(f);
  }
  return out;
}

// server/src/core/explain.ts
var MAX_TEXT = 4e3;
function explain(catalog, text) {
  const sample = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const only = parseCode(sample);
  if (only) {
    const result = catalog.lookup(sample);
    if (only.family === "name") return { text: sample, outlook: result.known ? result : void 0, providers: [] };
    return { text: sample, [only.family]: result, providers: [] };
  }
  const found = scan(sample, catalog, 0, sample.length, { aboutMail: true });
  const first = found.find((f) => f.family === "reply" || f.family === "enhanced" || f.family === "outlook");
  return explainFindings(catalog, sample, found, first, false);
}
function explainFindings(catalog, text, onLine, focus, providerFromFindings = true) {
  const near = (family) => {
    if (focus?.family === family) return focus;
    let best;
    for (const x of onLine) {
      if (x.family === family && (!best || Math.abs(x.start - (focus?.start ?? 0)) < Math.abs(best.start - (focus?.start ?? 0)))) best = x;
    }
    return best;
  };
  const reply2 = near("reply");
  const enhanced2 = near("enhanced");
  const outlook2 = focus?.family === "outlook" ? focus : near("outlook");
  const codes = [reply2?.code, enhanced2?.code].filter((c) => !!c);
  const provider = providerFromFindings ? onLine.find((x) => x.family === "provider" && x.entryId) : void 0;
  const providers = provider ? [catalog.get(provider.entryId)] : catalog.matchProviders(text, codes).slice(0, providerFromFindings ? 1 : void 0);
  const explanation = {
    text,
    reply: reply2 ? catalog.lookup(reply2.code) : void 0,
    enhanced: enhanced2 ? catalog.lookup(enhanced2.code) : void 0,
    outlook: outlook2 ? catalog.lookup(outlook2.code) : void 0,
    providers
  };
  if (reply2 && enhanced2 && reply2.code[0] !== enhanced2.code[0]) {
    explanation.inconsistency = `The reply code ${reply2.code} and the enhanced code ${enhanced2.code} disagree: one says ${classWord(reply2.code[0])}, the other ${classWord(enhanced2.code[0])}.`;
  }
  return explanation;
}
function classWord(digit) {
  return digit === "2" ? "success" : digit === "3" ? "more input needed" : digit === "4" ? "a temporary failure" : "a permanent failure";
}

// server/src/core/catalog/phrases.ts
var KEY = 4;
function normalizeText(text) {
  const lower = text.toLowerCase();
  return (lower.length === text.length ? lower : text).replace(/\s/g, " ");
}
var PhraseMatcher = class {
  /** First KEY characters of a phrase → the phrases that start with them. */
  buckets = /* @__PURE__ */ new Map();
  byEntry = /* @__PURE__ */ new Map();
  constructor(entries) {
    for (const entry of entries) {
      for (const raw of entry.phrases ?? []) {
        const phrase = raw.trim().toLowerCase().replace(/\s+/g, " ");
        if (phrase.length < KEY) continue;
        const own = this.byEntry.get(entry);
        if (own) own.push(phrase);
        else this.byEntry.set(entry, [phrase]);
        const key = phrase.slice(0, KEY);
        const list = this.buckets.get(key);
        if (list) list.push({ phrase, entry });
        else this.buckets.set(key, [{ phrase, entry }]);
      }
    }
  }
  /**
   * A matcher for only these entries' phrases: one case-insensitive alternation of the escaped literal phrases,
   * longest first. Built once per set of entries (a line's codes decide the set), then reused for every line.
   */
  compile(entries) {
    const owners = /* @__PURE__ */ new Map();
    for (const entry of entries) {
      for (const phrase of this.byEntry.get(entry) ?? []) {
        const list = owners.get(phrase);
        if (!list) owners.set(phrase, [entry]);
        else if (!list.includes(entry)) list.push(entry);
      }
    }
    if (!owners.size) return () => [];
    const alternatives = [...owners.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s"));
    const re = new RegExp(alternatives.join("|"), "gi");
    return (text) => {
      re.lastIndex = 0;
      let m = re.exec(text);
      if (m === null) return [];
      const best = /* @__PURE__ */ new Map();
      for (; m !== null; m = re.exec(text)) {
        for (const entry of owners.get(m[0].toLowerCase().replace(/\s/g, " ")) ?? []) {
          if (m[0].length > (best.get(entry)?.length ?? 0)) best.set(entry, { entry, index: m.index, length: m[0].length });
        }
      }
      return [...best.values()];
    };
  }
  /** Where the longest of one entry's phrases is in the text. */
  locate(entry, text) {
    const t = normalizeText(text);
    let best;
    for (const phrase of this.byEntry.get(entry) ?? []) {
      const index = best && phrase.length <= best.length ? -1 : t.indexOf(phrase);
      if (index >= 0) best = { entry, index, length: phrase.length };
    }
    return best;
  }
  match(text) {
    if (!this.buckets.size) return [];
    const t = normalizeText(text);
    const best = /* @__PURE__ */ new Map();
    for (let i = 0; i + KEY <= t.length; i++) {
      const list = this.buckets.get(t.substr(i, KEY));
      if (!list) continue;
      for (const { phrase, entry } of list) {
        if (t.startsWith(phrase, i) && phrase.length > (best.get(entry)?.length ?? 0)) best.set(entry, { entry, index: i, length: phrase.length });
      }
    }
    return [...best.values()];
  }
};

// server/src/core/catalog/catalog.ts
var EMPTY_STRUCTURE = {
  replyClasses: [],
  replyCategories: [],
  enhancedClasses: [],
  enhancedSubjects: [],
  outlookGroups: [],
  sources: []
};
var MIN_CODELESS_PHRASE = 16;
var FAMILY_ORDER = { reply: 0, enhanced: 1, outlook: 2, provider: 3 };
var Catalog = class _Catalog {
  entries;
  structure;
  version;
  byId = /* @__PURE__ */ new Map();
  /** "reply:550", "enhanced:X.1.1", "outlook:0x800CCC0E" → the family's own entries. */
  byCode = /* @__PURE__ */ new Map();
  /** "550", "5.7.26" → provider entries keyed by that code. */
  providersByCode = /* @__PURE__ */ new Map();
  byName = /* @__PURE__ */ new Map();
  phrases;
  codelessPattern;
  codelessEntries;
  codeMatchers = /* @__PURE__ */ new Map();
  searchText;
  constructor(compiled, custom = []) {
    this.version = compiled.version;
    this.structure = compiled.structure ?? EMPTY_STRUCTURE;
    for (const entry of [...compiled.entries, ...custom]) this.byId.set(entry.id, entry);
    this.entries = [...this.byId.values()];
    for (const entry of this.entries) {
      if (entry.family === "provider") {
        for (const code of entry.codes ?? []) push(this.providersByCode, code, entry);
      } else {
        push(this.byCode, `${entry.family}:${entry.code}`, entry);
      }
      if (entry.name) this.byName.set(entry.name.toUpperCase(), entry);
    }
    this.phrases = new PhraseMatcher(this.entries.filter((e) => e.phrases?.length));
    this.codelessEntries = this.entries.filter((e) => e.family === "provider" && !e.codes?.length);
    const codeless = this.codelessEntries.flatMap((e) => e.phrases ?? []).filter((p) => p.trim().length >= MIN_CODELESS_PHRASE);
    if (codeless.length) this.codelessPattern = new RegExp(codeless.map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+")).join("|"), "gi");
  }
  /** A catalog with the user's custom entries added (the built-in ones stay as they are). */
  withCustom(custom) {
    const builtIn = this.entries.filter((e) => !e.origin || e.origin === "built-in");
    return new _Catalog({ version: this.version, structure: this.structure, entries: builtIn }, custom);
  }
  get(id) {
    return this.byId.get(id);
  }
  /** Looks up one code: 550, 5.1.1, 5 1 1, X.1.1, 0x800ccc0e, 0×800CCC0E, 800CCC0E, SMTP_550_MAILBOX_NOT_FOUND or an id. */
  lookup(query) {
    const byId = this.byId.get(query.trim());
    if (byId) {
      const base = byId.family === "provider" ? void 0 : this.lookup(byId.code);
      return { ...base ?? { family: byId.family, code: byId.code }, query, entries: [byId], known: true };
    }
    const parsed = parseCode(query);
    if (!parsed) return { query, entries: [], known: false };
    if (parsed.family === "name") {
      const entry = this.byName.get(parsed.code);
      return entry ? { ...this.lookup(entry.code), query, entries: [entry] } : { query, entries: [], known: false };
    }
    if (parsed.family === "reply") return this.lookupReply(query, parsed.code);
    if (parsed.family === "enhanced") return this.lookupEnhanced(query, parsed.code);
    return this.lookupOutlook(query, parsed.code);
  }
  lookupReply(query, code) {
    const own = this.byCode.get(`reply:${code}`) ?? [];
    const providers = this.providersByCode.get(code) ?? [];
    const classInfo = this.structure.replyClasses.find((c) => c.digit === code[0]);
    const subjectInfo = this.structure.replyCategories.find((c) => c.digit === code[1]);
    return {
      query,
      family: "reply",
      code,
      entries: [...own, ...providers],
      known: own.length > 0,
      classInfo,
      subjectInfo,
      inferred: own.length ? void 0 : `${code} is not a reply code the catalog knows; its digits say: ${[classInfo?.title, subjectInfo?.title].filter(Boolean).join(", ") || "nothing more"}.`
    };
  }
  lookupEnhanced(query, code) {
    const key = code.startsWith("X") ? code : registryKey(code);
    const own = this.byCode.get(`enhanced:${key}`) ?? [];
    const providers = code.startsWith("X") ? [] : this.providersByCode.get(code) ?? [];
    const classInfo = code.startsWith("X") ? void 0 : this.structure.enhancedClasses.find((c) => c.digit === code[0]);
    const subjectInfo = this.structure.enhancedSubjects.find((c) => c.digit === key.split(".")[1]);
    const known = own.length > 0 || providers.length > 0;
    return {
      query,
      family: "enhanced",
      code,
      entries: [...own, ...providers],
      known,
      classInfo,
      subjectInfo,
      inferred: known ? void 0 : `${code} is not in the IANA registry or any provider catalog; its class and subject say: ${[classInfo?.title, subjectInfo?.title].filter(Boolean).join(", ") || "nothing more"}.`
    };
  }
  lookupOutlook(query, code) {
    const own = this.byCode.get(`outlook:${code}`) ?? [];
    const group = own[0]?.group ?? this.nearestOutlookGroup(code);
    const groupInfo = group ? this.structure.outlookGroups.find((g) => g.id === group) : void 0;
    return {
      query,
      family: "outlook",
      code,
      entries: own,
      known: own.length > 0,
      groupInfo,
      inferred: own.length ? void 0 : code.startsWith("0x800CCC") ? `${code} is in the range of Outlook / Outlook Express mail transport errors (0x800CCCxx) but is not one the catalog knows${groupInfo ? `; by its number it belongs to ${groupInfo.title.toLowerCase()}` : ""}.` : `${code} is a Windows error code (HRESULT) the catalog does not know.`
    };
  }
  /** An unknown code belongs to the group of the nearest known code below it in the same 0x800CCCxx block. */
  nearestOutlookGroup(code) {
    let best;
    for (const e of this.entries) {
      if (e.family === "outlook" && e.code.slice(0, 8) === code.slice(0, 8) && e.code < code && (!best || e.code > best.code)) best = e;
    }
    return best?.group;
  }
  /** Explains a whole reply or log line (see ../explain.ts): its reply code, enhanced code and provider entry. */
  explain(text) {
    return explain(this, text);
  }
  /**
   * Provider entries whose phrases occur in the text, best first. With codes given, only entries keyed by one of
   * them (or by no code) can match: two providers use the same words for different things.
   */
  matchProviders(text, codes = []) {
    const hits = codes.length ? this.matcherForCodes(codes)(text) : this.phrases.match(text);
    const scored = hits.map((h) => ({ entry: h.entry, score: h.length + (h.entry.codes ?? []).filter((c) => codes.includes(c)).length * 50 }));
    scored.sort((a, b) => b.score - a.score);
    return scored.map((s) => s.entry);
  }
  matcherForCodes(codes) {
    const key = codes.join(" ");
    let matcher = this.codeMatchers.get(key);
    if (!matcher) {
      matcher = this.phrases.compile(/* @__PURE__ */ new Set([...codes.flatMap((c) => this.providersByCode.get(c) ?? []), ...this.codelessEntries]));
      if (this.codeMatchers.size > 1e3) this.codeMatchers.clear();
      this.codeMatchers.set(key, matcher);
    }
    return matcher;
  }
  /** Provider entries without codes can only be found by their words: a pattern over the whole text finds them. */
  get hasCodelessEntries() {
    return this.codelessPattern !== void 0;
  }
  /** Line starts, in text[from, to), of lines that contain a phrase of a provider entry without codes. */
  linesWithCodelessPhrases(text, from, to) {
    const re = this.codelessPattern;
    if (!re) return [];
    const found = [];
    re.lastIndex = from;
    const hay = to < text.length ? text.slice(0, to) : text;
    let m;
    while ((m = re.exec(hay)) !== null) {
      const lineStart = text.lastIndexOf("\n", m.index) + 1;
      if (found[found.length - 1] !== lineStart) found.push(lineStart);
      const nl = text.indexOf("\n", m.index);
      if (nl < 0) break;
      re.lastIndex = nl + 1;
    }
    return found;
  }
  /** Where in the line an entry's phrase is (for the range of a provider finding). */
  phraseLocation(entry, line) {
    return this.phrases.locate(entry, line);
  }
  /** Ranked entries for a query: a code, a symbolic name, words (“mailbox full”, “gmail dmarc”) or a pasted reply. */
  search(query, limit = 50) {
    const q = query.trim();
    if (!q) return this.entries.slice(0, limit).map((entry) => ({ entry, score: 0 }));
    const scores = /* @__PURE__ */ new Map();
    const add = (entry, score) => scores.set(entry, Math.max(scores.get(entry) ?? 0, score));
    const direct = this.byId.get(q);
    if (direct) add(direct, 1e3);
    const parsed = parseCode(q);
    if (parsed) {
      const result = this.lookup(q);
      result.entries.forEach((entry, i) => add(entry, (entry.family === "provider" ? 700 : 900) - i));
    }
    if (!parsed && /[0-9]/.test(q) && q.length > 12) {
      const explanation = this.explain(q);
      explanation.providers.forEach((entry, i) => add(entry, 950 - i));
      explanation.reply?.entries.filter((e) => e.family !== "provider").forEach((entry) => add(entry, 850));
      explanation.enhanced?.entries.filter((e) => e.family !== "provider").forEach((entry) => add(entry, 860));
      explanation.outlook?.entries.forEach((entry) => add(entry, 870));
    }
    const upper = q.toUpperCase().replace(/\u00d7/g, "X");
    if (upper.length >= 3) {
      for (const entry of this.entries) {
        if (entry.name?.startsWith(upper)) add(entry, 800 - entry.name.length);
        else if (entry.code.toUpperCase().startsWith(upper) && entry.code.length > upper.length) add(entry, 600 - entry.code.length);
      }
    }
    const words = q.toLowerCase().split(/[^\p{L}\p{N}._-]+/u).filter((w) => w.length > 1);
    if (words.length && !(parsed && words.length === 1)) {
      for (const [entry, text] of this.searchIndex()) {
        let score = 0;
        let all = true;
        for (const word of words) {
          const s = text.code.includes(word) ? 40 : text.title.includes(word) ? 30 : text.other.includes(word) ? 10 : 0;
          if (!s) {
            all = false;
            break;
          }
          score += s;
        }
        if (all) add(entry, 100 + score - FAMILY_ORDER[entry.family]);
      }
    }
    return [...scores].map(([entry, score]) => ({ entry, score })).sort((a, b) => b.score - a.score || FAMILY_ORDER[a.entry.family] - FAMILY_ORDER[b.entry.family] || a.entry.code.localeCompare(b.entry.code)).slice(0, limit);
  }
  searchIndex() {
    if (!this.searchText) {
      this.searchText = /* @__PURE__ */ new Map();
      for (const e of this.entries) {
        this.searchText.set(e, {
          code: [e.code, e.name, ...e.codes ?? []].join(" ").toLowerCase(),
          title: [e.title, e.provider, e.providerName, ...e.phrases ?? []].join(" ").toLowerCase(),
          other: [e.meaning, ...e.causes, ...(e.glossary ?? []).map((g) => g.term)].join(" ").toLowerCase()
        });
      }
    }
    return this.searchText;
  }
};
function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// scripts/bench-core.ts
function loadCatalog(json) {
  return new Catalog(JSON.parse(json));
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  analyze,
  loadCatalog,
  scan
});
