#!/bin/sh
# dynamo-constructs review for a pull request, in any CI (POSIX sh, git, curl, python3).
#
#   1. synthesize the base branch (a temporary git worktree) and the head (this checkout);
#   2. review every stack: what the change does to each table, and whether it loses data;
#   3. post the Markdown as a pull-request comment, or update the comment an earlier run posted
#      (found by a hidden marker), so a pull request carries one up-to-date review;
#   4. fail the check when the change loses data (exit 1) or Terraform/AWS would refuse it (exit 1);
#      bad input or a failing synth exits 2.
#
# Settings (environment):
#   BASE_REF        the base to compare with (default: origin/main; GitHub Actions: origin/$GITHUB_BASE_REF)
#   APP_DIR         the CDKTF app's folder, relative to the repository root (default: .)
#   SYNTH           the synth command, run in APP_DIR with CDKTF_OUTDIR set (default: python3 main.py;
#                   e.g. "npx cdktf synth --output \"\$CDKTF_OUTDIR\"")
#   REVIEW          the review command (default: dynamo-constructs)
#   PYTHON          python for JSON (default: python3)
#   GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), PR_NUMBER: where to comment; without them the
#                   comment is only written to REVIEW_COMMENT_FILE and printed
#   GITHUB_API_URL  (default: https://api.github.com; GitHub Enterprise sets its own)
#   REVIEW_MARKER   the hidden marker that finds this script's own comment (one per app folder by default)
#   REVIEW_COMMENT_FILE  where to write the comment body (default: a temporary file)
set -eu

BASE_REF=${BASE_REF:-origin/main}
APP_DIR=${APP_DIR:-.}
SYNTH=${SYNTH:-python3 main.py}
REVIEW=${REVIEW:-dynamo-constructs}
PYTHON=${PYTHON:-python3}
GITHUB_API_URL=${GITHUB_API_URL:-https://api.github.com}
REVIEW_MARKER=${REVIEW_MARKER:-"<!-- dynamo-constructs-review: $APP_DIR -->"}

ROOT=$(git rev-parse --show-toplevel)
WORK=$(mktemp -d)
COMMENT=${REVIEW_COMMENT_FILE:-$WORK/comment.md}

cleanup() {
    git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

fail_setup() {
    echo "review: $*" >&2
    exit 2
}

synth() {  # synth <checkout> <output folder>
    (cd "$1/$APP_DIR" && CDKTF_OUTDIR=$2 && export CDKTF_OUTDIR && sh -c "$SYNTH") >"$WORK/synth.log" 2>&1 \
        || { tail -n 20 "$WORK/synth.log" >&2; fail_setup "synth failed in $1/$APP_DIR: $SYNTH"; }
}

# 1. base and head, synthesized the same way
git -C "$ROOT" worktree add --detach "$WORK/base" "$BASE_REF" >/dev/null 2>&1 \
    || fail_setup "cannot check out $BASE_REF (fetch it first, e.g. git fetch origin main)"
synth "$WORK/base" "$WORK/before"
synth "$ROOT" "$WORK/after"

# 2. the review (0: fine, 1: data loss, 2: bad input, 3: terraform or AWS would refuse)
status=0
# shellcheck disable=SC2086  # REVIEW may be a command with arguments
$REVIEW review "$WORK/before" "$WORK/after" --title "dynamo-constructs review: $BASE_REF → this pull request" \
    >"$WORK/review.md" || status=$?
[ "$status" -eq 2 ] && fail_setup "the review could not read the synthesized stacks"
{
    printf '%s\n' "$REVIEW_MARKER"
    cat "$WORK/review.md"
    printf '\n<sub>Posted by examples/ci/review.sh; updated on every push.</sub>\n'
} >"$COMMENT"
cat "$COMMENT"

# 3. one comment per pull request: update ours (found by the marker), or post it
api() {  # api METHOD URL [JSON file]
    data=""
    [ $# -ge 3 ] && data="--data-binary @$3"
    # shellcheck disable=SC2086  # $data is two words or none
    curl -sS -f -X "$1" -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
        -H "X-GitHub-Api-Version: 2022-11-28" -H "Content-Type: application/json" $data "$2"
}

own_comment() {  # prints the id of the comment holding the marker, if any
    page=1
    while [ "$page" -le 30 ]; do
        api GET "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100&page=$page" \
            >"$WORK/comments.json" || return 1
        found=$("$PYTHON" -c 'import json, sys
comments = json.load(open(sys.argv[1]))
ids = [str(c["id"]) for c in comments if sys.argv[2] in (c.get("body") or "")]
print(ids[0] if ids else ("" if comments else "-"))' "$WORK/comments.json" "$REVIEW_MARKER") || return 1
        case $found in
            -) return 0 ;;
            "") page=$((page + 1)) ;;
            *) echo "$found"; return 0 ;;
        esac
    done
}

post() {
    "$PYTHON" -c 'import json, sys; json.dump({"body": open(sys.argv[1], encoding="utf-8").read()}, sys.stdout)' \
        "$COMMENT" >"$WORK/payload.json"
    id=$(own_comment) || return 1
    if [ -n "$id" ]; then
        api PATCH "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$WORK/payload.json" >/dev/null \
            && echo "review: updated comment $id on pull request #$PR_NUMBER" >&2
    else
        api POST "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" "$WORK/payload.json" >/dev/null \
            && echo "review: commented on pull request #$PR_NUMBER" >&2
    fi
}

if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${PR_NUMBER:-}" ]; then
    # A comment that cannot be posted (a fork's read-only token) must not hide the verdict below.
    post || echo "review: warning: could not comment on pull request #$PR_NUMBER (token permissions?)" >&2
else
    echo "review: no GITHUB_TOKEN, GITHUB_REPOSITORY and PR_NUMBER: not commenting (the comment is printed above)" >&2
fi

# 4. the check's verdict
case $status in
    0) exit 0 ;;
    1) echo "review: the change loses data (see the review)" >&2; exit 1 ;;
    3) echo "review: terraform or AWS would refuse the change (see the review)" >&2; exit 1 ;;
    *) exit 2 ;;
esac
