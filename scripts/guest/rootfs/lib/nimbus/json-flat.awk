# Flattens a JSON document (meta_data.json) into "path<TAB>value" lines for its scalar members,
# e.g. "hostname\tvm-1" and "public_keys/k1\tssh-ed25519 AAAA... c". String escapes are decoded
# except \uXXXX (kept as written): nothing the guest prints needs them. Arrays are numbered.
BEGIN { RS = "\001" }
{
  s = $0; n = length(s); i = 1; depth = 0; key = ""
  while (i <= n) {
    c = substr(s, i, 1)
    if (c == "\"") { scalar(str()); continue }
    if (c == "{" || c == "[") {
      if (kind[depth] == "[") key = idx[depth]++
      path[depth] = key; kind[++depth] = c; idx[depth] = 0; key = ""; i++; continue
    }
    if (c == "}" || c == "]") { depth--; key = ""; i++; continue }
    if (c == ":") { key = last; i++; continue }
    if (c == "," || c ~ /[ \t\r\n]/) { i++; continue }
    j = i; while (i <= n && substr(s, i, 1) !~ /[],}: \t\r\n]/) i++
    scalar(substr(s, j, i - j))
  }
}
function str(   out, c, e) {
  out = ""; i++
  while (i <= n) {
    c = substr(s, i, 1)
    if (c == "\"") { i++; return out }
    if (c == "\\") {
      e = substr(s, ++i, 1)
      if (e == "n") c = "\n"; else if (e == "t") c = "\t"; else if (e == "u") c = "\\u"; else c = e
    }
    out = out c; i++
  }
  return out
}
# A value follows ":" (or sits in an array); a string anywhere else is the next member's name.
function scalar(v,   p, d) {
  if (kind[depth] == "{" && key == "") { last = v; return }
  p = ""
  for (d = 1; d < depth; d++) p = p path[d] "/"
  if (kind[depth] == "[") key = idx[depth]++
  print p key "\t" v
  key = ""
}
