# The translations: every catalogue passes msgfmt --check (format strings
# and plural forms) with nothing fuzzy or untranslated, and POTFILES.in
# names every source file with a translatable string.
. "$srcdir/tests/dump/lib.sh"

if ! command -v msgfmt > /dev/null 2>&1; then
	echo "1..0 # SKIP msgfmt is not installed"
	exit 77
fi
for po in "$srcdir"/po/*.po; do
	lang=$(basename "$po" .po)
	msgfmt --check --statistics -o /dev/null "$po" > "$TEST_TMP/stats" 2>&1
	check $? "$lang: msgfmt --check passes"
	expect_match "$TEST_TMP/stats" '^[0-9]* translated messages\.$' \
	    "$lang: everything translated, nothing fuzzy"
	grep -q "^$lang$" "$srcdir/po/LINGUAS" || grep -q "\\b$lang\\b" "$srcdir/po/LINGUAS"
	check $? "$lang: listed in LINGUAS"
done
missing=
for f in "$srcdir"/src/*.c; do
	rel=src/$(basename "$f")
	if grep -q '_("\|N_("\|ngettext(' "$f" &&
	    ! grep -qx "$rel" "$srcdir/po/POTFILES.in"; then
		missing="$missing $rel"
	fi
done
expect_eq "$missing" "" "POTFILES.in lists every file with messages"
finish
