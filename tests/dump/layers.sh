# The loading modules import one another in one direction only: docio
# reads files and knows no library; walk, index and prefetch know docio;
# corpus knows docio; the loader knows them all. No module reaches itself
# through the headers it includes (corpus and walk did).
. "$srcdir/tests/dump/lib.sh"

# The modules a module's .c and .h include directly.
deps() {
	cat "$srcdir/src/$1.c" "$srcdir/src/$1.h" 2> /dev/null |
	    sed -n 's/^#include "\([a-z_-]*\)\.h".*/\1/p' |
	    grep -v -x -e "$1" -e system -e config | sort -u
}

for m in docio walk index prefetch corpus loader fileutil thread parse; do
	if [ ! -f "$srcdir/src/$m.c" ]; then
		check 1 "$m.c exists"
		continue
	fi
	# Everything m reaches, a level at a time.
	reached=
	todo=$(deps "$m")
	while [ -n "$todo" ]; do
		next=
		for d in $todo; do
			case " $reached " in *" $d "*) continue ;; esac
			reached="$reached $d"
			next="$next $(deps "$d")"
		done
		todo=$next
	done
	case " $reached " in
	*" $m "*) check 1 "$m does not reach itself through its includes" ;;
	*) check 0 "$m does not reach itself through its includes" ;;
	esac
done
finish
