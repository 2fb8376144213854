# Compares two program outputs line by line: numbers within a relative tolerance (tol, default 1e-3, with an absolute
# floor of one unit in the last printed decimal; integers such as counts within tol only), every other word exactly. Timing words are dropped first.
# Usage: awk -v tol=1e-3 -f compare-output.awk expected.txt actual.txt
function strip(line) {
  # "0.1 ms", "72.9 ms", "1.2 s/epoch": a number and a unit of time, ending the word (not "100 samples")
  line = line " "
  gsub(/[0-9.]+ (ms|µs|s)(\/epoch)?[ ,;)]/, " ", line)
  return line
}
function isnum(w) { return w ~ /^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?%?$/ }
function ulp(w,   d) { sub(/%$/, "", w); d = index(w, "."); return d ? 10 ^ -(length(w) - d) : 0 }  # integers (counts) exact
BEGIN { if (tol == "") tol = 1e-3; bad = 0 }
FNR == NR { expected[FNR] = strip($0); n = FNR; next }
{
  m = FNR; line = strip($0)
  if (!(m in expected)) { print "extra line " m ": " $0; bad = 1; next }
  ne = split(expected[m], e); na = split(line, a)
  if (ne != na) { print "line " m " differs:\n  expected: " expected[m] "\n  actual:   " line; bad = 1; next }
  for (k = 1; k <= ne; k++) {
    if (isnum(e[k]) && isnum(a[k])) {
      x = e[k]; y = a[k]; sub(/%$/, "", x); sub(/%$/, "", y); x += 0; y += 0
      d = x - y; if (d < 0) d = -d
      s = x < 0 ? -x : x; limit = tol * s; u = ulp(e[k]); if (limit < u) limit = u
      if (d > limit) { print "line " m ", word " k ": expected " e[k] ", actual " a[k] " (tolerance " limit ")"; bad = 1 }
      else if (d > 0) close_count++
    } else if (e[k] != a[k]) { print "line " m ", word " k ": expected '" e[k] "', actual '" a[k] "'"; bad = 1 }
  }
}
END {
  if (FNR < n && NR > n) { print "missing lines after " FNR; bad = 1 }
  if (!bad) printf "outputs match: %d lines, %d numbers differ within tolerance\n", n, close_count + 0
  exit bad
}
