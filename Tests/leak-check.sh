#!/bin/sh
# Builds a site of many Markdown documents under valgrind and fails on any definite leak, so that
# every libcmark parser, tree, iterator and rendered string is shown to be freed.
set -eu
chibo="$1"
pages="${LEAK_CHECK_PAGES:-80}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/content/guidance/a" "$work/content/guidance/b"
cp -r site-theme "$work/site-theme"
printf 'title: Kiểm tra rò rỉ\norganization: Đảng ủy Khối\n' > "$work/content/site.yaml"
i=1
while [ "$i" -le "$pages" ]; do
  section=a; [ $((i % 2)) -eq 0 ] && section=b
  cat > "$work/content/guidance/$section/van-ban-$i.md" <<DOC
---
title: Văn bản số $i về sinh hoạt chi bộ
number: $i-HD/ĐUK
date: 2024-01-$(printf '%02d' $(( (i % 28) + 1 )))
kind: huong-dan
tags: [thử, "văn bản $i"]
---
## Bước 1: Chuẩn bị "kỹ" -- đầy đủ...

Theo Hướng dẫn số 1-HD/ĐUK và $(( (i % pages) + 1 ))-HD/ĐUK, *chi bộ* **họp** \`mã\` <b>thô</b>.

- mục một [liên kết](../a/van-ban-1.md#buoc-1-chuan-bi-ky-day-du)
- mục hai ![ảnh](https://example.invalid/a.png "tiêu đề")

> trích dẫn
> hai dòng

\`\`\`csv
Cột 1,"Cột, 2"
a,b
\`\`\`

1. một
2. hai

<div>HTML khối</div>

## Bước 2: Khai mạc
DOC
  i=$((i + 1))
done
# valgrind cannot read the DWARF 5 debug info Swift writes: check a stripped copy.
cp "$chibo" "$work/chibo"
strip "$work/chibo"
log="$work/valgrind.log"
if ! valgrind --leak-check=full --show-leak-kinds=definite --log-file="$log" \
  "$work/chibo" build --content "$work/content" --output "$work/public" >/dev/null 2>"$work/stderr"; then
  cat "$work/stderr" "$log" >&2
  echo "leak-check: FAILED: the build under valgrind did not succeed" >&2
  exit 1
fi
if grep -q "definitely lost: [1-9]" "$log" || ! grep -qE "definitely lost: 0 bytes|All heap blocks were freed" "$log"; then
  cat "$log" >&2
  echo "leak-check: FAILED: definite leaks (see above)" >&2
  exit 1
fi
[ "$(find "$work/public/van-ban" -name index.html | wc -l)" -gt "$pages" ] || { echo "leak-check: FAILED: pages missing" >&2; exit 1; }
grep -E "definitely lost|in use at exit" "$log"
echo "leak-check: $pages documents rendered under valgrind, no definite leaks"
