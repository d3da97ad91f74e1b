#!/usr/bin/env python3
"""check-keep-rules.py - do the Android consumer keep rules keep every name the JNI C glue looks up?

The C glue (bindings/jni/src/*.c, platform/android/*.c) finds classes, constructors, methods and
fields by name: FindClass, GetMethodID, GetStaticMethodID, GetFieldID, GetStaticFieldID and
RegisterNatives (JNINativeMethod tables). An R8/ProGuard release build renames or strips whatever
no keep rule names, and the lookup then fails at JNI_OnLoad on the phone, not at build time.

This script:
  1. preprocesses every glue file with its own compile command (meson's compile_commands.json),
     so that macros (MCJ_S, PKG, BT ...) and adjacent string literals are expanded as the
     compiler sees them;
  2. reads every lookup, wherever its names come from: string literals, a local variable or a
     string array (names[i]), a table of structs walked by a helper (mcj_class_spec, mcj_area,
     JNINativeMethod: spec->name), a wrapper function passing its parameter on (mcj_throw), the
     class being what a FindClass earlier in the function (or the table entry that caches it)
     answered;
  3. resolves each name and JNI signature against the compiled classes (membercore.jar, read
     here, class file format) and fails when one does not exist there;
  4. fails when no rule of the rules file keeps it (a -keep / -keepclassmembers /
     -keepclasseswithmembers rule without allowshrinking/allowobfuscation whose class and
     member specification match), when a class named in a kept member's signature could be
     renamed, when a method looked up on an interface of the library is not kept in its app-side
     implementations (`class * implements I`), or when a rule keeps a whole package by wildcard.

A lookup the script cannot read (a name computed at run time) is a failure too: better a loud
"cannot read" than a silent pass.

  check-keep-rules.py --build BUILD [--rules FILE] [--jar FILE] [--glue FILE...] [--list]
                      [--suggest]
--suggest prints rules for whatever is missing (paste them into the rules file).
Exit status 0 when every lookup is found and kept, 1 otherwise.
"""
import argparse
import fnmatch
import glob
import io
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOKUPS = ("FindClass", "GetMethodID", "GetStaticMethodID", "GetFieldID", "GetStaticFieldID",
           "RegisterNatives")


# ---- preprocessing and tokens -----------------------------------------------------------------

class Tok:
    __slots__ = ("kind", "text", "file", "line")

    def __init__(self, kind, text, file, line):
        self.kind, self.text, self.file, self.line = kind, text, file, line

    def __repr__(self):
        return self.text


TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\r\f\v]+) |
    (?P<nl>\n) |
    (?P<str>(?:L|u8|u|U)?"(?:[^"\\\n]|\\.)*") |
    (?P<chr>(?:L|u|U)?'(?:[^'\\\n]|\\.)*') |
    (?P<id>[A-Za-z_][A-Za-z_0-9]*) |
    (?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*) |
    (?P<op>->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|\.\.\.|[{}()\[\];,.<>=+\-*/%&|^!~?:#])
""", re.X)
LINEMARK_RE = re.compile(r'^#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"')


def c_unescape(body):
    out, i = [], 0
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(simple.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def tokenize(text):
    toks, file, line = [], "?", 1
    for raw in text.split("\n"):
        m = LINEMARK_RE.match(raw)
        if m:
            line, file = int(m.group(1)), m.group(2)
            continue
        if raw.lstrip().startswith("#"):  # #pragma and the like
            line += 1
            continue
        pos = 0
        while pos < len(raw):
            m = TOKEN_RE.match(raw, pos)
            if not m:
                pos += 1
                continue
            pos = m.end()
            kind = m.lastgroup
            if kind in ("ws", "nl"):
                continue
            text_ = m.group(kind)
            if kind == "str":
                text_ = c_unescape(text_[text_.index('"') + 1:-1])
            toks.append(Tok(kind, text_, file, line))
        line += 1
    # adjacent string literals are one
    merged = []
    for t in toks:
        if t.kind == "str" and merged and merged[-1].kind == "str":
            merged[-1] = Tok("str", merged[-1].text + t.text, merged[-1].file, merged[-1].line)
        else:
            merged.append(t)
    return merged


def compile_commands(build):
    path = os.path.join(build, "compile_commands.json")
    if not os.path.exists(path):
        return {}
    out = {}
    for e in json.load(open(path)):
        f = os.path.normpath(os.path.join(e["directory"], e["file"]))
        args = e.get("arguments") or shlex.split(e["command"])
        out[f] = (e["directory"], args)
    return out


def preprocess(path, commands):
    path = os.path.normpath(os.path.abspath(path))
    entry = commands.get(path)
    if entry is None:  # a glue file meson does not list (yet): a sibling's flags
        sib = [k for k in commands if "/bindings/jni/src/" in k or "/platform/android/" in k]
        if not sib:
            raise SystemExit("check-keep-rules: no compile command for the glue in "
                             "compile_commands.json (meson setup with a JDK first)")
        entry = commands[sib[0]]
    directory, args = entry
    cmd, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MQ", "-MT"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.endswith((".c", ".o")):
            continue
        cmd.append(a)
    cmd += ["-E", "-D__MCJ_KEEP_RULES_CHECK__=1", path]
    res = subprocess.run(cmd, cwd=directory, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit("check-keep-rules: preprocessing %s failed:\n%s" % (path, res.stderr))
    return tokenize(res.stdout)


# ---- a light C reader -------------------------------------------------------------------------

OPEN, CLOSE = {"(": ")", "[": "]", "{": "}"}, {")", "]", "}"}


def match(toks, i):
    """Index of the bracket closing toks[i]."""
    depth = 0
    for j in range(i, len(toks)):
        t = toks[j].text if toks[j].kind == "op" else None
        if t in OPEN:
            depth += 1
        elif t in CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return len(toks) - 1


def split_top(toks, sep):
    """toks cut at each top-level sep (outside brackets), the separators dropped."""
    parts, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in CLOSE:
            depth -= 1
        if depth == 0 and t.kind == "op" and t.text == sep:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def split_commas(toks):
    """Arguments or initialisers: [] for no tokens; an empty part is kept (a trailing comma)."""
    return split_top(toks, ",") if toks else []


QUALIFIERS = {"static", "const", "extern", "volatile", "struct", "union", "enum", "inline",
              "register", "restrict", "__restrict", "unsigned", "signed", "_Thread_local"}


class Initializer:
    def __init__(self, tu, name, type_, is_array, group, loc):
        self.tu, self.name, self.type, self.is_array, self.group, self.loc = (
            tu, name, type_, is_array, group, loc)

    def elements(self):
        inner = self.group[1:-1]
        if not self.is_array:
            return [self.group]
        return [e for e in split_commas(inner) if e]


class Function:
    def __init__(self, tu, name, params, body):
        self.tu, self.name, self.params, self.body = tu, name, params, body


def parse_params(toks):
    params = []
    for p in split_commas(toks):
        ids = [t.text for t in p if t.kind == "id"]
        if not ids or ids == ["void"]:
            continue
        types = [x for x in ids[:-1] if x not in QUALIFIERS]
        params.append((ids[-1], types[0] if types else ids[0], any(t.text == "*" for t in p)))
    return params


def declared_type(prefix):
    ids = [t.text for t in prefix if t.kind == "id" and t.text not in QUALIFIERS]
    return ids[0] if ids else None


def parse_tu(tu, toks, structs, inits, funcs):
    """Top-level items of one preprocessed file: typedef'd structs, initialized variables,
    function definitions."""
    i, item = 0, []
    while i < len(toks):
        t = toks[i]
        if t.kind == "op" and t.text == ";":
            handle_decl(tu, item, structs, inits)
            item = []
            i += 1
            continue
        if t.kind == "op" and t.text == "{":
            j = match(toks, i)
            if item and item[-1].kind == "op" and item[-1].text == ")" and not any(
                    x.kind == "op" and x.text == "=" for x in item):
                # a function definition: name before its parameter list
                k = len(item) - 1
                open_idx = None
                depth = 0
                for k in range(len(item) - 1, -1, -1):
                    if item[k].kind == "op" and item[k].text == ")":
                        depth += 1
                    elif item[k].kind == "op" and item[k].text == "(":
                        depth -= 1
                        if depth == 0:
                            open_idx = k
                            break
                if open_idx and item[open_idx - 1].kind == "id":
                    funcs.append(Function(tu, item[open_idx - 1].text,
                                          parse_params(item[open_idx + 1:-1]), toks[i + 1:j]))
                item = []
                i = j + 1
                continue
            item.extend(toks[i:j + 1])
            i = j + 1
            continue
        item.append(t)
        i += 1


def handle_decl(tu, item, structs, inits):
    if not item:
        return
    texts = [t.text for t in item]
    if texts[0] == "typedef" and "{" in texts:
        b = texts.index("{")
        e = match(item, b)
        fields = []
        for decl in split_semis(item[b + 1:e]):
            for d in split_commas(decl):
                ids = [t for t in d if t.kind == "id"]
                # a function pointer field: (*name)(...)
                for k in range(len(d) - 2):
                    if d[k].text == "(" and d[k + 1].text == "*" and d[k + 2].kind == "id":
                        ids = [d[k + 2]]
                        break
                if ids:
                    fields.append(ids[-1].text)
        name = [t.text for t in item[e + 1:] if t.kind == "id"]
        if name:
            structs[name[-1]] = fields
        return
    if "=" not in texts:
        return
    eq = texts.index("=")
    if eq + 1 >= len(item) or item[eq + 1].text != "{":
        return
    decl = item[:eq]
    is_array = "[" in [t.text for t in decl]
    names = [t for t in decl if t.kind == "id"]
    if "[" in texts[:eq]:
        names = [t for t in decl[:[t.text for t in decl].index("[")] if t.kind == "id"]
    if not names:
        return
    end = match(item, eq + 1)
    inits.append(Initializer(tu, names[-1].text, declared_type(decl[:-1] if not is_array else
                                                                  decl), is_array,
                             item[eq + 1:end + 1], (names[-1].file, names[-1].line)))


def split_semis(toks):
    """Declarations: the part after the last ';' is dropped when empty."""
    parts = split_top(toks, ";")
    return parts if parts[-1] else parts[:-1]


# ---- expressions ------------------------------------------------------------------------------

class Val:
    """What an argument evaluates to: a string, NULL, a parameter (maybe one of its struct
    fields), an identifier naming a table, or unknown."""

    def __init__(self, kind, value=None, field=None):
        self.kind, self.value, self.field = kind, value, field

    def __repr__(self):
        return "%s(%r%s)" % (self.kind, self.value, "." + self.field if self.field else "")


def strip(toks):
    """Drop casts and redundant parentheses, a leading &."""
    changed = True
    while changed and toks:
        changed = False
        if toks[0].text == "(" and match(toks, 0) == len(toks) - 1:
            toks, changed = toks[1:-1], True
            continue
        if toks[0].text == "(":
            j = match(toks, 0)
            inner = toks[1:j]
            if inner and all(t.kind == "id" or t.text == "*" for t in inner) and j + 1 < len(toks):
                toks, changed = toks[j + 1:], True
    return toks


class Ctx:
    def __init__(self, an, func):
        self.an, self.func = an, func
        self.params = {p[0]: (i, p[1]) for i, p in enumerate(func.params)}

    def assignment(self, target, before):
        """The right-hand side last assigned to the tokens `target` before index `before` of the
        body (an initialized declaration counts)."""
        body, n, found = self.func.body, len(target), None
        for i in range(0, min(before, len(body)) - n):
            if [t.text for t in body[i:i + n]] == [t.text for t in target] and \
                    body[i + n].text == "=" and (i == 0 or body[i - 1].text not in (".", "->")):
                depth, j = 0, i + n + 1
                while j < len(body):
                    x = body[j].text
                    if x in OPEN:
                        depth += 1
                    elif x in CLOSE:
                        if depth == 0:
                            break
                        depth -= 1
                    elif depth == 0 and x in (";", ","):
                        break
                    j += 1
                found = (body[i + n + 1:j], i)
        return found

    def local_array(self, name):
        body = self.func.body
        for i in range(len(body) - 3):
            if body[i].text == name and body[i + 1].text == "[":
                j = match(body, i + 1)
                if j + 2 < len(body) and body[j + 1].text == "=" and body[j + 2].text == "{":
                    e = match(body, j + 2)
                    return [strip(x) for x in split_commas(body[j + 3:e])]
        for ini in self.an.inits:
            if ini.tu == self.func.tu and ini.name == name and ini.is_array:
                return [strip(x) for x in ini.elements()]
        return None

    def eval(self, toks, pos, depth=0):
        toks = strip(toks)
        if not toks:
            return [Val("unknown", "")]
        if all(t.kind == "str" for t in toks):
            return [Val("str", "".join(t.text for t in toks))]
        if len(toks) == 1 and (toks[0].text in ("NULL", "0", "nullptr")):
            return [Val("null")]
        if len(toks) == 1 and toks[0].kind == "id":
            name = toks[0].text
            if name in self.params:
                return [Val("param", self.params[name][0])]
            if depth < 6:
                a = self.assignment(toks, pos)
                if a:
                    return self.eval(a[0], a[1], depth + 1)
            if any(ini.tu == self.func.tu and ini.name == name for ini in self.an.inits):
                return [Val("table", (self.func.tu, name))]
            return [Val("unknown", name)]
        texts = [t.text for t in toks]
        # P->f, P.f, (*P).f, &P->f[i]
        if len(toks) >= 3 and toks[0].kind == "id" and toks[0].text in self.params and \
                toks[1].text in ("->", ".") and toks[2].kind == "id":
            return [Val("field", self.params[toks[0].text][1], toks[2].text)]
        # A[i]: a string table
        if len(toks) >= 4 and toks[0].kind == "id" and toks[1].text == "[" and \
                match(toks, 1) == len(toks) - 1:
            elems = self.local_array(toks[0].text)
            if elems is not None:
                out = []
                for e in elems:
                    out += self.eval(e, pos, depth + 1)
                return out
        return [Val("unknown", " ".join(texts))]

    def find_class_arg(self, toks):
        for i in range(len(toks) - 2):
            if toks[i].text == "FindClass" and toks[i + 1].text == "(":
                j = match(toks, i + 1)
                args = split_commas(toks[i + 2:j])
                if len(args) >= 2:
                    return args[1]
        return None

    def class_of(self, toks, pos, depth=0):
        """What class an expression holds: a list of Val (str: a class name)."""
        toks = strip(toks)
        arg = self.find_class_arg(toks)
        if arg is not None:  # a name from a parameter: "nparam" (the class itself: "param")
            return [Val("nparam", v.value) if v.kind == "param" else v
                    for v in self.eval(arg, pos)]
        if any(t.text in ("GetObjectClass", "GetSuperclass") for t in toks):
            return [Val("unknown", "GetObjectClass")]
        if len(toks) == 1 and toks[0].text in self.params:
            return [Val("param", self.params[toks[0].text][0])]
        if depth < 6:
            a = self.assignment(toks, pos)
            if a:
                rhs, at = a
                vals = self.class_of(rhs, at, depth + 1)
                if not all(v.kind == "unknown" for v in vals):
                    return vals
                for t in strip(rhs):  # a helper over a local: mcj_ref_new(env, local)
                    if t.kind == "id" and t.text not in ("env",):
                        vals = self.class_of([t], at, depth + 1)
                        if not all(v.kind == "unknown" for v in vals):
                            return vals
            # a cached class: the table entry that stores into &expr
            want = ["&"] + [t.text for t in toks]
            for ini in self.an.inits:
                for e in ini.elements():
                    for f in split_commas(e[1:-1] if e and e[0].text == "{" else e):
                        if [t.text for t in f] == want:
                            strs = [x for x in split_commas(e[1:-1]) if x and
                                    all(t.kind == "str" for t in x)]
                            if strs:
                                return [Val("str", "".join(t.text for t in strs[0]))]
        return [Val("unknown", " ".join(t.text for t in toks))]


# ---- the glue's lookups -----------------------------------------------------------------------

class Lookup:
    def __init__(self, kind, cls, name, sig, where, native=False):
        self.kind, self.cls, self.name, self.sig, self.where, self.native = (
            kind, cls, name, sig, where, native)

    def key(self):
        return (self.kind, self.cls, self.name, self.sig)

    def __str__(self):
        if self.kind == "FindClass":
            return "class %s" % self.cls
        return "%s %s.%s%s%s" % ("native" if self.native else self.kind, self.cls, self.name,
                                 "" if self.sig.startswith("(") else " ", self.sig)


class Analyzer:
    def __init__(self, files, commands):
        self.structs, self.inits, self.funcs = {}, [], []
        self.glue_files = {os.path.normpath(os.path.abspath(f)) for f in files}
        self.glue_dirs = {os.path.dirname(f) for f in self.glue_files}
        for f in sorted(self.glue_files):
            toks = preprocess(f, commands)
            parse_tu(f, toks, self.structs, self.inits, self.funcs)
        self.funcs = [fn for fn in self.funcs if fn.body and self.in_glue(fn.body[0].file)]
        seen, uniq = set(), []
        for ini in self.inits:  # a header's tables are in each file including it
            k = (ini.loc, ini.name)
            if k not in seen:
                seen.add(k)
                uniq.append(ini)
        self.inits = uniq
        self.lookups, self.errors, self.registered = [], [], set()

    def in_glue(self, path):
        p = os.path.normpath(os.path.abspath(path))
        return p in self.glue_files or os.path.dirname(p) in self.glue_dirs

    def table_fields(self, struct_type):
        """Each element of each initializer of struct_type as {field: tokens}, with its tu."""
        fields = self.structs.get(struct_type)
        out = []
        for ini in self.inits:
            if ini.type != struct_type or fields is None:
                continue
            for e in ini.elements():
                if not e or e[0].text != "{":
                    continue
                d = {}
                for k, part in enumerate(split_commas(e[1:-1])):
                    if len(part) >= 3 and part[0].text == "." and part[2].text == "=":
                        d[part[1].text] = part[3:]
                    elif k < len(fields):
                        d[fields[k]] = part
                out.append((ini.tu, d, (e[0].file, e[0].line)))
        return out

    def const_val(self, toks, tu):
        toks = strip(toks)
        if toks and all(t.kind == "str" for t in toks):
            return Val("str", "".join(t.text for t in toks))
        if len(toks) == 1 and toks[0].text in ("NULL", "0"):
            return Val("null")
        if len(toks) == 1 and toks[0].kind == "id":
            return Val("table", (tu, toks[0].text))
        return Val("unknown", " ".join(t.text for t in toks))

    def run(self):
        templates = {}  # wrapper function -> list of (kind, [Val per role], where)
        pending = []
        for fn in self.funcs:
            ctx = Ctx(self, fn)
            body = fn.body
            for i in range(len(body) - 1):
                t = body[i]
                if t.kind != "id" or t.text not in LOOKUPS or body[i + 1].text != "(" or \
                        i == 0 or body[i - 1].text not in ("->", "."):
                    continue
                j = match(body, i + 1)
                args = split_commas(body[i + 2:j])
                where = "%s:%d" % (os.path.relpath(t.file, ROOT), t.line)
                kind = t.text
                if kind == "FindClass":
                    vals = [ctx.eval(args[1], i)]
                elif kind == "RegisterNatives":
                    vals = [ctx.class_of(args[1], i), ctx.eval(args[2], i)]
                else:
                    vals = [ctx.class_of(args[1], i), ctx.eval(args[2], i), ctx.eval(args[3], i)]
                pending.append((fn, kind, vals, where))
        # wrappers: a lookup whose names come from the function's own parameters is made at each
        # call of that function, with the caller's arguments (to a fixed point)
        for _ in range(8):
            new = []
            for fn, kind, vals, where in pending:
                plain = [v for role in vals for v in role if v.kind in ("param", "nparam")]
                if not plain:
                    self.emit(fn, kind, vals, where)
                    continue
                templates.setdefault(fn.name, []).append((kind, vals, where))
                for caller in self.funcs:
                    cctx = Ctx(self, caller)
                    b = caller.body
                    for i in range(len(b) - 1):
                        if b[i].text == fn.name and b[i + 1].text == "(" and \
                                (i == 0 or b[i - 1].text not in ("->", ".")):
                            args = split_commas(b[i + 2:match(b, i + 1)])
                            sub = []
                            for k, role in enumerate(vals):
                                is_class = k == 0 and kind != "FindClass"
                                r = []
                                for v in role:
                                    if v.kind in ("param", "nparam") and v.value >= len(args):
                                        r.append(Val("unknown", "arg %d" % v.value))
                                    elif v.kind == "param" and is_class:
                                        r += cctx.class_of(args[v.value], i)
                                    elif v.kind == "nparam":
                                        r += [Val("nparam", x.value) if x.kind == "param" else x
                                              for x in cctx.eval(args[v.value], i)]
                                    elif v.kind == "param":
                                        r += cctx.eval(args[v.value], i)
                                    else:
                                        r.append(v)
                                sub.append(r)
                            cw = "%s:%d (via %s at %s)" % (os.path.relpath(b[i].file, ROOT),
                                                           b[i].line, fn.name, where)
                            new.append((caller, kind, sub, cw))
            pending = new
            if not pending:
                break
        for fn, kind, vals, where in pending:
            self.errors.append("%s: %s through too many wrappers" % (where, kind))
        uniq, seen = [], set()
        for lk in self.lookups:
            if lk.key() not in seen:
                seen.add(lk.key())
                uniq.append(lk)
        self.lookups = uniq

    def emit(self, fn, kind, vals, where):
        fielded = {v.value for role in vals for v in role if v.kind == "field"}
        if len(fielded) > 1:
            self.errors.append("%s: %s mixes tables of two struct types" % (where, kind))
            return
        if fielded:  # a table walker: one lookup per element of every table of that type
            p = fielded.pop()
            rows = self.table_fields(p)
            if not rows:
                self.errors.append("%s: %s reads a %s table the check found no initializer of"
                                   % (where, kind, p))
            for tu, row, loc in rows:
                sub = []
                for role in vals:
                    r = []
                    for v in role:
                        if v.kind == "field":
                            r.append(self.const_val(row.get(v.field, []), tu))
                        else:
                            r.append(v)
                    sub.append(r)
                self.expand(kind, sub, "%s:%d (table, read by %s)" % (
                    os.path.relpath(loc[0], ROOT), loc[1], where))
            return
        self.expand(kind, vals, where)

    def expand(self, kind, vals, where):
        def strs(role, what):
            out = []
            for v in role:
                if v.kind == "str":
                    out.append(v.value)
                elif v.kind == "null":
                    out.append(None)
                else:
                    self.errors.append("%s: cannot read the %s of a %s (%s)" % (where, what, kind,
                                                                               v))
            return out

        if kind == "FindClass":
            for c in strs(vals[0], "class name"):
                if c is not None:
                    self.lookups.append(Lookup("FindClass", c, None, None, where))
            return
        if kind == "RegisterNatives":
            classes = [c for c in strs(vals[0], "class") if c]
            for v in vals[1]:
                if v.kind == "null":
                    continue
                if v.kind != "table":
                    self.errors.append("%s: cannot read the JNINativeMethod table of "
                                       "RegisterNatives (%s)" % (where, v))
                    continue
                tu, name = v.value
                tables = [ini for ini in self.inits if ini.tu == tu and ini.name == name]
                if not tables:
                    self.errors.append("%s: no table %s in %s" % (where, name, tu))
                for ini in tables:
                    self.registered.add((ini.tu, ini.name))
                    for _, row, loc in [r for r in self.table_fields(ini.type) if r[0] == tu and
                                        ini.group[0].line <= r[2][1] <= ini.group[-1].line]:
                        n = self.const_val(row.get("name", []), tu)
                        s = self.const_val(row.get("signature", []), tu)
                        w = "%s:%d" % (os.path.relpath(loc[0], ROOT), loc[1])
                        if n.kind != "str" or s.kind != "str":
                            self.errors.append("%s: cannot read a native's name or signature" % w)
                            continue
                        for c in classes:
                            self.lookups.append(Lookup("GetStaticMethodID", c, n.value, s.value,
                                                       w, native=True))
            return
        for c in strs(vals[0], "class"):
            names = strs(vals[1], "member name")
            sigs = strs(vals[2], "signature")
            if c is None:
                continue
            for n in names:
                if n is None:
                    continue  # a class cached without a member
                for s in sigs:
                    if s is None:
                        self.errors.append("%s: %s %s.%s without a signature" % (where, kind, c, n))
                        continue
                    self.lookups.append(Lookup(kind, c, n, s, where))
            for n in names:
                if n is not None:
                    self.lookups.append(Lookup("FindClass", c, None, None, where))


# ---- class files ------------------------------------------------------------------------------

ACC_STATIC, ACC_NATIVE, ACC_INTERFACE, ACC_ABSTRACT, ACC_ENUM = 0x8, 0x100, 0x200, 0x400, 0x4000


class ClassInfo:
    def __init__(self, data):
        def u2(o):
            return struct.unpack(">H", data[o:o + 2])[0]
        count, pool, o = u2(8), [None], 10
        while len(pool) < count:
            tag = data[o]
            if tag == 1:
                n = u2(o + 1)
                pool.append(data[o + 3:o + 3 + n].decode("utf-8", "replace"))
                o += 3 + n
            elif tag in (7, 8, 16, 19, 20):
                pool.append(u2(o + 1))
                o += 3
            elif tag == 15:
                pool.append(None)
                o += 4
            elif tag in (3, 4, 9, 10, 11, 12, 17, 18):
                pool.append(None)
                o += 5
            elif tag in (5, 6):
                pool += [None, None]
                o += 9
            else:
                raise ValueError("bad constant pool tag %d" % tag)
        self.access = u2(o)
        self.name = pool[pool[u2(o + 2)]]
        sup = u2(o + 4)
        self.super = pool[pool[sup]] if sup else None
        n = u2(o + 6)
        self.interfaces = [pool[pool[u2(o + 8 + 2 * k)]] for k in range(n)]
        o += 8 + 2 * n
        self.fields, self.methods = [], []
        for target in (self.fields, self.methods):
            n, o = u2(o), o + 2
            for _ in range(n):
                acc, name, desc, na = u2(o), pool[u2(o + 2)], pool[u2(o + 4)], u2(o + 6)
                o += 8
                for _ in range(na):
                    o += 6 + struct.unpack(">I", data[o + 2:o + 6])[0]
                target.append((acc, name, desc))

    def is_interface(self):
        return bool(self.access & ACC_INTERFACE)


def read_jar(path):
    classes = {}
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            if n.endswith(".class") and not n.startswith("META-INF/"):
                ci = ClassInfo(z.read(n))
                classes[ci.name] = ci
    return classes


# ---- keep rules -------------------------------------------------------------------------------

class MemberSpec:
    def __init__(self, toks):
        self.text = " ".join(toks)
        self.annot = [t for t in toks if t.startswith("@")]
        toks = [t for t in toks if not t.startswith("@")]
        mods = {"public", "private", "protected", "static", "final", "native", "synchronized",
                "abstract", "transient", "volatile", "strictfp", "!static", "!native",
                "!public", "!private", "!final", "!abstract", "!protected", "!transient",
                "!synchronized", "!volatile"}
        self.mods = [t for t in toks if t in mods]
        rest = [t for t in toks if t not in mods]
        self.kind, self.type, self.name, self.args = None, None, None, None
        if rest in (["<methods>"], ["<fields>"], ["*"], ["<init>"]):
            self.kind = rest[0]
            return
        joined = " ".join(rest)
        m = re.match(r"^(?:(\S+)\s+)?(\S+?)\s*\((.*)\)$", joined)
        if m:
            self.kind, self.type, self.name = "method", m.group(1), m.group(2)
            self.args = [a.strip() for a in m.group(3).split(",")] if m.group(3).strip() else []
            return
        m = re.match(r"^(\S+)\s+(\S+)$", joined)
        if m:
            self.kind, self.type, self.name = "field", m.group(1), m.group(2)
            return
        self.kind = "bad"

    def mods_ok(self, acc):
        flag = {"static": ACC_STATIC, "native": ACC_NATIVE, "abstract": ACC_ABSTRACT,
                "public": 0x1, "private": 0x2, "protected": 0x4, "final": 0x10}
        for m in self.mods:
            neg = m.startswith("!")
            f = flag.get(m.lstrip("!"))
            if f is None:
                continue
            if bool(acc & f) == neg:
                return False
        return True

    def matches(self, is_method, acc, name, desc):
        if not self.mods_ok(acc):
            return False
        if self.kind == "*":
            return name != "<init>" and name != "<clinit>"
        if self.kind == "<methods>":
            return is_method and name not in ("<init>", "<clinit>")
        if self.kind == "<fields>":
            return not is_method
        if self.kind == "<init>":
            return is_method and name == "<init>"
        if self.kind == "field":
            return not is_method and name_match(self.name, name) and \
                type_match(self.type, field_type(desc))
        if self.kind == "method":
            if not is_method:
                return False
            args, ret = method_types(desc)
            if name == "<init>":
                if self.name != "<init>":
                    return False
            elif not name_match(self.name, name) or not type_match(self.type, ret):
                return False
            return args_match(self.args, args)
        return False


def name_match(pat, name):
    return fnmatch.fnmatchcase(name, pat.replace("?", "[!.]"))


def class_pattern(pat):
    """ProGuard's class name wildcards as a regex: ** any, * no dot, ? one non-dot."""
    out = ""
    i = 0
    while i < len(pat):
        if pat.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pat[i] == "*":
            out, i = out + "[^.]*", i + 1
        elif pat[i] == "?":
            out, i = out + "[^.]", i + 1
        else:
            out, i = out + re.escape(pat[i]), i + 1
    return re.compile("^" + out + "$")


def type_match(pat, jtype):
    if pat is None or pat == "***":
        return True
    if pat == "%":
        return jtype in ("boolean", "byte", "char", "short", "int", "long", "float", "double",
                         "void")
    return bool(class_pattern(pat).match(jtype))


def args_match(pats, args):
    if pats == ["..."]:
        return True
    if len(pats) != len(args):
        return False
    return all(type_match(p, a) for p, a in zip(pats, args))


PRIM = {"Z": "boolean", "B": "byte", "C": "char", "S": "short", "I": "int", "J": "long",
        "F": "float", "D": "double", "V": "void"}


def parse_types(desc):
    out, i = [], 0
    while i < len(desc):
        dims = 0
        while desc[i] == "[":
            dims, i = dims + 1, i + 1
        if desc[i] == "L":
            j = desc.index(";", i)
            t, i = desc[i + 1:j].replace("/", "."), j + 1
        else:
            t, i = PRIM[desc[i]], i + 1
        out.append(t + "[]" * dims)
    return out


def method_types(desc):
    close = desc.index(")")
    return parse_types(desc[1:close]), parse_types(desc[close + 1:])[0]


def field_type(desc):
    return parse_types(desc)[0]


def desc_classes(desc):
    return set(re.findall(r"L([^;]+);", desc))


class Rule:
    def __init__(self, text, line):
        self.text, self.line = " ".join(text.split()), line
        m = re.match(r"^-(keep\w*)((?:\s*,\s*\w+)*)\s+(.*)$", self.text, re.S)
        if not m:
            raise ValueError("line %d: cannot read rule %r" % (line, self.text))
        self.option = m.group(1)
        self.modifiers = set(x.strip() for x in m.group(2).split(",") if x.strip())
        rest = m.group(3)
        body = None
        if "{" in rest:
            rest, body = rest.split("{", 1)
            body = body.rsplit("}", 1)[0]
        words = rest.split()
        words = [w for w in words if not w.startswith("@")]
        self.class_type = None
        self.access = []
        while words and words[0] not in ("class", "interface", "enum", "@interface"):
            self.access.append(words.pop(0))
        if not words:
            raise ValueError("line %d: no class, interface or enum in %r" % (line, self.text))
        self.class_type = words.pop(0)
        self.name = words.pop(0) if words else "*"
        self.extends = None
        if words and words[0] in ("extends", "implements"):
            self.extends = words[1]
        self.members = []
        if body:
            for m_ in body.split(";"):
                if m_.strip():
                    spec = MemberSpec(m_.split())
                    if spec.kind == "bad":
                        raise ValueError("line %d: cannot read member %r" % (line, m_.strip()))
                    self.members.append(spec)

    def keeps(self):
        """Does this rule stop shrinking and renaming of what it matches?"""
        return self.option in ("keep", "keepclassmembers", "keepclasseswithmembers") and \
            not self.modifiers & {"allowshrinking", "allowobfuscation"}

    def keeps_class(self):
        return self.option in ("keep", "keepclasseswithmembers") and self.keeps()

    def keeps_name(self):
        return self.option in ("keep", "keepnames", "keepclasseswithmembers",
                               "keepclasseswithmembernames") and \
            "allowobfuscation" not in self.modifiers

    def class_matches(self, ci, jar):
        dotted = ci.name.replace("/", ".")
        if self.class_type == "interface" and not ci.is_interface():
            return False
        if self.class_type == "enum" and not ci.access & ACC_ENUM:
            return False
        if self.extends:
            if not class_pattern(self.name).match(dotted):
                return False
            pat = class_pattern(self.extends)
            return any(pat.match(s.replace("/", ".")) for s in supertypes(ci, jar))
        return bool(class_pattern(self.name).match(dotted))

    def is_blanket(self):
        """A wildcard over a package (not `class * implements X`), or `*;`-style members of a
        wildcard class."""
        return ("*" in self.name or "?" in self.name) and not self.extends


def supertypes(ci, jar):
    out, todo = [], [ci.super] + ci.interfaces
    while todo:
        s = todo.pop()
        if not s or s in out:
            continue
        out.append(s)
        if s in jar:
            todo += [jar[s].super] + jar[s].interfaces
    return out


def read_rules(path):
    rules, cur, start = [], [], 0
    for n, line in enumerate(open(path), 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.lstrip().startswith("-"):
            if cur:
                rules.append(Rule("\n".join(cur), start))
            cur, start = [line], n
        else:
            cur.append(line)
    if cur:
        rules.append(Rule("\n".join(cur), start))
    return rules


class JdkClasses:
    """The JDK's own classes (java.base), read from its jmods when a member is looked up on a
    library class or inherited from one (Throwable.getMessage): they are never renamed, but
    they must exist."""

    def __init__(self):
        self.zip, self.cache = None, {}
        javac = shutil.which("javac")
        if javac:
            home = os.path.dirname(os.path.dirname(os.path.realpath(javac)))
            jmod = os.path.join(home, "jmods", "java.base.jmod")
            if os.path.exists(jmod):
                data = open(jmod, "rb").read()
                self.zip = zipfile.ZipFile(io.BytesIO(data[4:]))  # "JM\1\0", then a zip

    def __contains__(self, name):
        return self.get(name) is not None

    def __getitem__(self, name):
        return self.get(name)

    def get(self, name):
        if name not in self.cache:
            ci = None
            if self.zip is not None:
                try:
                    ci = ClassInfo(self.zip.read("classes/%s.class" % name))
                except KeyError:
                    ci = None
            self.cache[name] = ci
        return self.cache[name]


JDK = None


def jdk():
    global JDK
    if JDK is None:
        JDK = JdkClasses()
    return JDK


def find_member(jar, cls, is_method, name, desc):
    """The declaring class and access flags of cls's member, searching its supertypes as JNI
    does, into the JDK's classes; None when it does not exist."""
    todo, seen = [cls], set()
    while todo:
        c = todo.pop(0)
        if not c or c in seen:
            continue
        seen.add(c)
        ci = jar.get(c) or jdk().get(c)
        if ci is None:
            continue
        for acc, n, d in (ci.methods if is_method else ci.fields):
            if n == name and d == desc:
                return c, acc
        if name != "<init>":
            todo += [ci.super] + ci.interfaces
    return None


def java_sig(name, desc, is_method):
    if not is_method:
        return "%s %s;" % (field_type(desc), name)
    args, ret = method_types(desc)
    if name == "<init>":
        return "<init>(%s);" % ", ".join(args)
    return "%s %s(%s);" % (ret, name, ", ".join(args))


# ---- main -------------------------------------------------------------------------------------

def check(lookups, rules, jar):
    problems, notes = [], []
    library = [lk for lk in lookups if lk.cls not in jar]
    for lk in library:
        if lk.cls.startswith(("android/", "dalvik/")):
            continue  # Android's own: not in a JDK
        if lk.cls.startswith(("java/", "javax/")) and jdk().zip is not None:
            if lk.cls not in jdk():
                problems.append("%s: %s: class %s is in neither the jar nor the JDK" % (
                    lk.where, lk, lk.cls))
            elif lk.kind != "FindClass" and find_member(
                    {}, lk.cls, "Method" in lk.kind, lk.name, lk.sig) is None:
                problems.append("%s: %s: no such member in the JDK's %s" % (lk.where, lk,
                                                                             lk.cls))
            continue
        if lk.cls.startswith(("java/", "javax/")):
            continue  # no JDK jmods to read: assumed
        problems.append("%s: %s: class %s is not in the jar" % (lk.where, lk, lk.cls))
    need_names = {}
    for lk in lookups:
        if lk.cls not in jar:
            continue
        ci = jar[lk.cls]
        dotted = lk.cls.replace("/", ".")
        if lk.kind == "FindClass":
            if not any(r.keeps_class() and r.class_matches(ci, jar) for r in rules):
                problems.append("%s: class %s: no -keep rule keeps it" % (lk.where, dotted))
            continue
        is_method = "Method" in lk.kind
        try:
            found = find_member(jar, lk.cls, is_method, lk.name, lk.sig)
        except (ValueError, KeyError, IndexError):
            found = None
        if found is None:
            problems.append("%s: %s: %s %s%s does not exist in the jar" % (
                lk.where, dotted, "method" if is_method else "field", lk.name, lk.sig))
            continue
        decl, acc = found
        if decl not in jar:
            continue  # inherited from the JDK (Throwable.getMessage): never renamed
        static_lookup = lk.kind.startswith("GetStatic")
        if static_lookup != bool(acc & ACC_STATIC):
            problems.append("%s: %s.%s%s is %sstatic but is looked up with %s" % (
                lk.where, dotted, lk.name, lk.sig, "" if acc & ACC_STATIC else "not ", lk.kind))
        if lk.native and not acc & ACC_NATIVE:
            problems.append("%s: %s.%s%s is registered as a native but is not native in Java" % (
                lk.where, dotted, lk.name, lk.sig))
        dci = jar[decl]
        member_shown = "%s { %s }" % (decl.replace("/", "."), java_sig(lk.name, lk.sig, is_method))
        covering = [r for r in rules if r.keeps() and r.class_matches(dci, jar) and
                    any(m.matches(is_method, acc, lk.name, lk.sig) for m in r.members)]
        if not covering:
            problems.append("%s: %s%s: no keep rule keeps it" % (
                lk.where, "native " if lk.native else "", member_shown))
        else:
            for c in desc_classes(lk.sig):
                if c in jar and not any("includedescriptorclasses" in r.modifiers
                                        for r in covering):
                    need_names.setdefault(c, []).append(lk)
        if dci.is_interface() or (acc & ACC_ABSTRACT):
            # an app class implements it: its override must keep the name the glue looks up
            impl = [r for r in rules if r.keeps() and r.extends and
                    class_pattern(r.extends).match(decl.replace("/", ".")) and
                    any(m.matches(is_method, acc & ~ACC_ABSTRACT, lk.name, lk.sig)
                        for m in r.members)]
            if not impl:
                problems.append("%s: %s: looked up on an interface or abstract method, but no "
                                "rule keeps it in implementations (class * %s %s { ... })" % (
                                    lk.where, member_shown,
                                    "implements" if dci.is_interface() else "extends",
                                    decl.replace("/", ".")))
    for c, lks in sorted(need_names.items()):
        if not any(r.keeps_name() and r.class_matches(jar[c], jar) for r in rules):
            problems.append("%s: class %s appears in the signature of %s but no rule keeps its "
                            "name (keep the class, or use includedescriptorclasses)" % (
                                lks[0].where, c.replace("/", "."), lks[0]))
    for r in rules:
        if r.is_blanket():
            problems.append("rules line %d: %r keeps a whole package by wildcard: name the "
                            "classes the glue looks up" % (r.line, r.text))
    return problems, notes


def suggest(lookups, jar):
    """Rules for the lookups, one -keep per class naming each member (a class whose natives are
    registered: native <methods>, all of them, as RegisterNatives fails on one missing), and a
    -keepclassmembers for the app's implementations of an interface the glue calls."""
    by_class, natives, impl = {}, set(), {}
    for lk in lookups:
        if lk.cls not in jar:
            continue
        d = by_class.setdefault(lk.cls, set())
        if lk.kind == "FindClass":
            continue
        if lk.native:
            natives.add(lk.cls)
            continue
        is_method = "Method" in lk.kind
        found = find_member(jar, lk.cls, is_method, lk.name, lk.sig)
        if found and found[0] in jar:
            static = "static " if lk.kind.startswith("GetStatic") else ""
            d.add(static + java_sig(lk.name, lk.sig, is_method))
            if jar[found[0]].is_interface():
                impl.setdefault(found[0], set()).add(java_sig(lk.name, lk.sig, is_method))
    out = []
    for c in sorted(by_class):
        kw = "interface" if jar[c].is_interface() else (
            "enum" if jar[c].access & ACC_ENUM else "class")
        members = sorted(by_class[c]) + (["native <methods>;"] if c in natives else [])
        if not members:
            out.append("-keep %s %s" % (kw, c.replace("/", ".")))
            continue
        out.append("-keep,includedescriptorclasses %s %s {" % (kw, c.replace("/", ".")))
        out += ["    %s" % m for m in members]
        out.append("}")
        if c in impl:
            out.append("-keepclassmembers,includedescriptorclasses class * implements %s {" %
                       c.replace("/", "."))
            out += ["    %s" % m for m in sorted(impl[c])]
            out.append("}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--rules", default=os.path.join(ROOT, "bindings/jni/android/consumer-rules.pro"))
    ap.add_argument("--jar")
    ap.add_argument("--glue", nargs="*")
    ap.add_argument("--list", action="store_true", help="print every lookup read")
    ap.add_argument("--suggest", action="store_true")
    a = ap.parse_args()
    jar_path = a.jar or os.path.join(a.build, "bindings/jni/membercore.jar")
    if not os.path.exists(jar_path):
        print("check-keep-rules: %s is missing (meson compile -C %s)" % (jar_path, a.build))
        return 1
    files = a.glue or sorted(glob.glob(os.path.join(ROOT, "bindings/jni/src/*.c")) +
                             glob.glob(os.path.join(ROOT, "platform/android/*.c")))
    an = Analyzer(files, compile_commands(a.build))
    an.run()
    jar = read_jar(jar_path)
    for ini in an.inits:
        if ini.type == "JNINativeMethod" and (ini.tu, ini.name) not in an.registered:
            an.errors.append("%s:%d: JNINativeMethod table %s is registered by no RegisterNatives "
                             "the check can read" % (os.path.relpath(ini.loc[0], ROOT),
                                                     ini.loc[1], ini.name))
    if a.list:
        for lk in sorted(an.lookups, key=lambda x: (x.cls, x.kind, x.name or "", x.sig or "")):
            print("lookup: %s  [%s]" % (lk, lk.where))
    if a.suggest:
        print(suggest(an.lookups, jar))
    try:
        rules = read_rules(a.rules)
    except ValueError as e:
        print("check-keep-rules: %s: %s" % (a.rules, e))
        return 1
    problems, _ = check(an.lookups, rules, jar)
    problems = an.errors + problems
    n_cls = len({lk.cls for lk in an.lookups})
    n_mem = len([lk for lk in an.lookups if lk.kind != "FindClass"])
    for p in problems:
        print("FAIL " + p)
    print("check-keep-rules: %d lookups (%d classes, %d members incl. %d natives) in %d glue "
          "files against %s and %s: %d problem(s)" % (
              len(an.lookups), n_cls, n_mem, len([lk for lk in an.lookups if lk.native]),
              len(files), os.path.relpath(a.rules), os.path.relpath(jar_path), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
