"""Inter-annotator agreement on stance edges (actor, relation, target) per article."""
import json, re, sys, unicodedata
from collections import Counter

def fold(name):
    if name is None: return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(the|mr|mrs|ms|dr|sir|lord)\b", " ", s)
    return " ".join(re.findall(r"[a-z0-9]+", s))

def load(path):
    return {json.loads(l)["id"]: json.loads(l) for l in open(path) if l.strip()}

def same(a, b):
    fa, fb = fold(a), fold(b)
    if fa == fb: return True
    ta, tb = fa.split(), fb.split()
    # lenient: one name's words contain the other's (Labour Party / Scottish Labour Party)
    return bool(ta and tb) and (set(ta) <= set(tb) or set(tb) <= set(ta))

def match(ea, eb, lenient):
    used, pairs = set(), []
    for i, x in enumerate(ea):
        for j, y in enumerate(eb):
            if j in used or x["relation"] != y["relation"]: continue
            eq = same if lenient else (lambda p, q: fold(p) == fold(q))
            if eq(x["actor"], y["actor"]) and eq(x["target"], y["target"]):
                used.add(j); pairs.append((x, y)); break
    return pairs

def report(a_path, b_path):
    A, B = load(a_path), load(b_path)
    out = Counter()
    for aid in A:
        ea, eb = A[aid]["edges"], B[aid]["edges"]
        for lenient in (False, True):
            key = "lenient" if lenient else "strict"
            pairs = match(ea, eb, lenient)
            out[f"{key}_match"] += len(pairs)
            if lenient:
                out["cert_same"] += sum(x["certainty"] == y["certainty"] for x, y in pairs)
                out["state_same"] += sum((x.get("actor_state"), x.get("target_state")) == (y.get("actor_state"), y.get("target_state")) for x, y in pairs)
                ra = [x for x in ea if x["certainty"] == "required"]
                rb = [y for y in eb if y["certainty"] == "required"]
                out["A_req"] += len(ra); out["B_req"] += len(rb)
                out["A_req_found_by_B"] += len(match(ra, eb, True))
                out["B_req_found_by_A"] += len(match(rb, ea, True))
                out["req_both"] += len(match(ra, rb, True))
        out["A"] += len(ea); out["B"] += len(eb)
    n = out
    psa = lambda m: 2 * m / (n["A"] + n["B"]) if n["A"] + n["B"] else 1
    res = {
        "articles": len(A), "edges_A": n["A"], "edges_B": n["B"],
        "agreement_strict_names": round(psa(n["strict_match"]), 3),
        "agreement_lenient_names": round(psa(n["lenient_match"]), 3),
        "required_agreement": round(2 * n["req_both"] / (n["A_req"] + n["B_req"]), 3) if n["A_req"] + n["B_req"] else 1,
        "A_required_marked_by_B": f'{n["A_req_found_by_B"]}/{n["A_req"]}',
        "B_required_marked_by_A": f'{n["B_req_found_by_A"]}/{n["B_req"]}',
        "certainty_same_on_matched": f'{n["cert_same"]}/{n["lenient_match"]}',
        "states_same_on_matched": f'{n["state_same"]}/{n["lenient_match"]}',
    }
    return res

if __name__ == "__main__":
    print(json.dumps(report(sys.argv[1], sys.argv[2]), indent=1))
