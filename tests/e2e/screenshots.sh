#!/usr/bin/env bash
# Screenshots of the citizens' web pages with headless Chromium (Debian's chromium), phone
# (390×844) and desktop (1280×900), Greek and English, against a dimosd with the demo data.
#   tests/e2e/screenshots.sh [build-dir] [out-dir]
# Defaults: build/dev and docs/screenshots. The pages that only a POST shows ("check your e-mail",
# the "done" pages, "not fixed" and its result) are taken by the browser test instead:
#   SCREENSHOTS=$PWD/docs/screenshots tests/e2e/run Starts its own dimosd on a free port with a fresh
# data folder and stops it at the end. Map tiles need the internet: offline the maps show
# their neutral background, the markers and the attribution.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$here/build/dev}
out=${2:-$here/docs/screenshots}
dimosd=$build/server/dimosd
[ -x "$dimosd" ] || { echo "no $dimosd: build the dimosd target first" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }

work=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
config=$here/resources/config/dimosd.demo.ini
"$dimosd" --config "$config" --data-dir "$work/data" demo-seed --reports 300 >/dev/null
"$dimosd" --config "$config" --data-dir "$work/data" --port "$port" --set http/access_log=false \
    --set server/base_url=http://127.0.0.1:$port >"$work/dimosd.log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 50); do
    curl -sf "$base/healthz" >/dev/null && break
    sleep 0.2
done

# A report with a photo, an address and a public note, for the report page.
report=$(sqlite3 "$work/data/dimos.sqlite" \
    "SELECT r.id FROM reports r WHERE EXISTS (SELECT 1 FROM report_history h WHERE h.report_id = r.id
     AND h.is_public = 1 AND h.kind <> 'created') ORDER BY r.id LIMIT 1")
report=${report:-1}

# One report filed through the form as a browser without JavaScript would (cookie, CSRF token,
# multipart), for the thank-you page.
jar=$work/cookies
token=$(curl -sf -c "$jar" "$base/report" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
thanks=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -F "csrf=$token" -F category=streetlight \
    -F 'attribute[problem]=off' -F email=eleni@example.org -F 'address=Πλατεία Ελευθερίας' -F lat=41.0916 -F lon=23.5491 \
    -F 'description=Η λάμπα στη γωνία με την Εθνικής Αντιστάσεως είναι σβηστή εδώ και τρεις νύχτες.' \
    "$base/report")
thanks=${thanks#$base}
[ -n "$thanks" ] || { echo "the form did not accept the report" >&2; exit 1; }

# A subscription made and confirmed as a browser without JavaScript would, for the pages its
# mailed links open: the confirmation (a page with a button), managing it, stopping it.
token=$(curl -sf -b "$jar" -c "$jar" "$base/subscribe" | grep -o 'name="csrf" value="[^"]*"' | head -1 \
    | sed 's/.*value="//; s/"$//')
curl -sf -o /dev/null -b "$jar" --data-urlencode "csrf=$token" --data-urlencode email=maria@example.org \
    -d category=streetlight -d category=pothole -d lat=41.0916 -d lon=23.5491 -d radius=1000 "$base/subscribe"
confirm=$(sqlite3 "$work/data/dimos.sqlite" \
    "SELECT text_body FROM mail_outbox WHERE template = 'subscription_confirm' ORDER BY id DESC LIMIT 1" \
    | grep -o "$base/subscriptions/confirm/[^ ]*" | head -1)
confirm=${confirm#$base}
[ -n "$confirm" ] || { echo "no subscription confirmation mail in the outbox" >&2; exit 1; }
manage=$(curl -sf -b "$jar" --data-urlencode "csrf=$token" "$base$confirm" \
    | grep -o 'href="/subscriptions/[^"/]*"' | head -1 | sed 's/^href="//; s/"$//')
[ -n "$manage" ] || { echo "the subscription was not confirmed" >&2; exit 1; }

# The next event with a place (a small map), for the item page.
item=$(sqlite3 "$work/data/dimos.sqlite" \
    "SELECT category_code || '/' || id FROM information_items WHERE lat IS NOT NULL AND state = 'published'
     AND starts_ms > strftime('%s', 'now') * 1000 ORDER BY starts_ms LIMIT 1")
[ -n "$item" ] || { echo "no demo information item with a place" >&2; exit 1; }

shoot() { # name, path, width, height
    local name=$1 path=$2 width=$3 height=$4
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --no-first-run --hide-scrollbars --user-data-dir="$work/profile-$name" --window-size="$width,$height" \
        --virtual-time-budget=4000 --screenshot="$out/$name.png" "$base$path" >/dev/null 2>&1
    echo "$out/$name.png"
}

mkdir -p "$out"
for lang in el en; do
    for device in phone desktop; do
        if [ $device = phone ]; then size=(390 844); else size=(1280 900); fi
        shoot "web-home-$device-$lang" "/?lang=$lang" "${size[@]}"
        shoot "web-report-form-$device-$lang" "/report?lang=$lang&category=streetlight" "${size[@]}"
        shoot "web-report-page-$device-$lang" "/reports/$report?lang=$lang" "${size[@]}"
        shoot "web-thanks-$device-$lang" "$thanks?lang=$lang" "${size[@]}"
        shoot "web-subscribe-$device-$lang" "/subscribe?lang=$lang" "${size[@]}"
        shoot "web-subscription-confirm-$device-$lang" "$confirm?lang=$lang" "${size[@]}"
        shoot "web-subscription-manage-$device-$lang" "$manage?lang=$lang" "${size[@]}"
        # The whole form: the area's map, the radius, the language and the stop button.
        shoot "web-subscription-manage-full-$device-$lang" "$manage?lang=$lang" "${size[0]}" 2300
        shoot "web-unsubscribe-$device-$lang" "$manage/unsubscribe?lang=$lang" "${size[@]}"
        shoot "web-information-$device-$lang" "/information?lang=$lang" "${size[@]}"
        shoot "web-information-category-$device-$lang" "/information/events?lang=$lang" "${size[@]}"
        shoot "web-information-item-$device-$lang" "/information/$item?lang=$lang" "${size[@]}"
    done
done

# ---- The verification page of issued documents (docs/WEB.md, docs/EDIMOTIS.md) ----
# Two answers made the way dimosd issues them: the PDF laid out by dimos-pdf, its SHA-256 and the
# rows (a request type, an applicant, the incoming and outgoing protocol entries, the request, the
# issued document) written into the demo database; the second one revoked. Then the pages a GET
# shows, and the file check's two answers (a POST: its page is saved and shot from the file).
verify_valid=5MZP-3KQW-H7TD
verify_revoked=R4VN-8TGE-3WJC
python3 - "$work/data/dimos.sqlite" "$build/server/dimos-pdf" "$base" "$work" "$verify_valid" "$verify_revoked" <<'PY'
import hashlib, json, sqlite3, subprocess, sys, time
db_path, program, base, work, valid, revoked = sys.argv[1:]
db = sqlite3.connect(db_path, timeout=10)
now = int(time.time() * 1000)
dept = db.execute("SELECT id FROM departments ORDER BY id LIMIT 1").fetchone()[0]
db.execute("INSERT OR IGNORE INTO request_types (code, kind, name_el, name_en, department_id, deadline_days, "
           "created_ms, updated_ms) VALUES ('residence', 'certificate', 'Βεβαίωση μόνιμης κατοικίας', "
           "'Certificate of permanent residence', ?, 3, ?, ?)", (dept, now, now))
db.execute("INSERT INTO citizens (email, given_name, surname, created_ms, updated_ms) "
           "VALUES ('eleni.verify@example.org', 'Ελένη', 'Παπαδοπούλου', ?, ?)", (now, now))
citizen = db.execute("SELECT last_insert_rowid()").fetchone()[0]
year = time.localtime().tm_year
def entry(direction, at):
    number = db.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM protocol_entries WHERE book_id = 1 AND year = ?",
                        (year,)).fetchone()[0]
    db.execute("INSERT INTO protocol_entries (book_id, year, number, registered_ms, direction, correspondent, subject, "
               "folded, registered_by) VALUES (1, ?, ?, ?, ?, 'Ελένη Παπαδοπούλου', 'Βεβαίωση μόνιμης κατοικίας', "
               "'βεβαιωση μονιμης κατοικιας ελενη παπαδοπουλου', 'web')", (year, number, at, direction))
    db.execute("INSERT INTO protocol_counters (book_id, year, last_number) VALUES (1, ?, ?) "
               "ON CONFLICT (book_id, year) DO UPDATE SET last_number = excluded.last_number", (year, number))
    return db.execute("SELECT last_insert_rowid()").fetchone()[0], f"{number}/{time.strftime('%d-%m-%Y')}"
for code, is_revoked in ((valid, False), (revoked, True)):
    incoming, incoming_number = entry('in', now - 86400000)
    outgoing, outgoing_number = entry('out', now)
    content = {"municipality": "Δήμος Σερρών", "department": "Τμήμα Δημοτολογίου",
               "title": "ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ",
               "applicant": [{"label": "Ονοματεπώνυμο", "value": "Ελένη Παπαδοπούλου"},
                             {"label": "Πατρώνυμο", "value": "Γεώργιος"},
                             {"label": "Διεύθυνση", "value": "Μεραρχίας 12, 621 22 Σέρρες"}],
               "body": "Βεβαιώνεται ότι η Ελένη Παπαδοπούλου του Γεωργίου διαμένει μόνιμα στη διεύθυνση "
                       "Μεραρχίας 12, 621 22 Σέρρες.\n\nΗ βεβαίωση χορηγείται για κάθε νόμιμη χρήση.",
               "protocol_number": outgoing_number, "incoming_protocol_number": incoming_number,
               "issued_date": time.strftime('%d-%m-%Y'), "verification_code": code,
               "verification_url": f"{base}/verify/{code}", "signed_by": "Μαρία Ιωάννου"}
    pdf = subprocess.run([program], input=json.dumps(content).encode(), capture_output=True, check=True).stdout
    open(f"{work}/{code}.pdf", "wb").write(pdf)
    db.execute("INSERT INTO requests (type_code, citizen_id, status, department_id, applicant_json, protocol_entry_id, "
               "answer_entry_id, submitted_ms, due_ms, updated_ms, closed_ms) VALUES ('residence', ?, 'issued', ?, "
               "'{}', ?, ?, ?, ?, ?, ?)", (citizen, dept, incoming, outgoing, now - 86400000, now + 2 * 86400000, now, now))
    request = db.execute("SELECT last_insert_rowid()").fetchone()[0]
    db.execute("INSERT INTO issued_documents (request_id, verification_code, type_code, protocol_entry_id, sha256, size, "
               "issued_ms, revoked_ms, revoked_reason) VALUES (?, ?, 'residence', ?, ?, ?, ?, ?, ?)",
               (request, code, outgoing, hashlib.sha256(pdf).hexdigest(), len(pdf), now,
                now if is_revoked else None, 'εκδόθηκε νέα βεβαίωση' if is_revoked else ''))
db.commit()
PY
printf 'not the issued document\n' >"$work/other.pdf"
# A POST's page, saved with a <base> so its CSS loads, for a screenshot from the file.
check_page() { # name, lang, file
    local token
    token=$(curl -sf -b "$jar" -c "$jar" "$base/verify/$verify_valid?lang=$2" | grep -o 'name="csrf" value="[^"]*"' \
        | head -1 | sed 's/.*value="//; s/"$//')
    curl -s -b "$jar" -F "csrf=$token" -F "pdf=@$3;type=application/pdf" "$base/verify/$verify_valid/check?lang=$2" \
        | sed "s|<head>|<head><base href=\"$base/\">|" >"$work/$1.html"
}
for lang in el en; do
    check_page "check-same-$lang" $lang "$work/$verify_valid.pdf"
    check_page "check-differs-$lang" $lang "$work/other.pdf"
    for device in phone desktop; do
        if [ $device = phone ]; then size=(390 844); else size=(1280 900); fi
        shoot "web-verify-$device-$lang" "/verify?lang=$lang" "${size[@]}"
        shoot "web-verify-valid-$device-$lang" "/verify/$verify_valid?lang=$lang" "${size[@]}"
        shoot "web-verify-revoked-$device-$lang" "/verify/$verify_revoked?lang=$lang" "${size[@]}"
        shoot "web-verify-unknown-$device-$lang" "/verify/AAAA-BBBB-CCCC?lang=$lang" "${size[@]}"
        shoot "web-verify-malformed-$device-$lang" "/verify?code=12345&lang=$lang" "${size[@]}"
        base_saved=$base
        base=file://$work
        shoot "web-verify-check-same-$device-$lang" "/check-same-$lang.html" "${size[0]}" 1300
        shoot "web-verify-check-differs-$device-$lang" "/check-differs-$lang.html" "${size[0]}" 1300
        base=$base_saved
    done
done
# ---- What applies at my address (/lookup, docs/WEB.md) ----
shoot_lookup() {
    for lang in el en; do
        for device in phone desktop; do
            if [ $device = phone ]; then size=(390 844); else size=(1280 900); fi
            shoot "web-lookup$1-$device-$lang" "$2&lang=$lang" "${size[0]}" "$3"
        done
    done
}
# The demo has only the real boundary: the form, and the answer that says no layer is loaded.
shoot_lookup "" "/lookup?" 900
shoot_lookup "-demo" "/lookup?lat=41.0912&lon=23.5486" 1400
# The answer with its areas on the map is web-lookup-fixtures-*, taken by the browser test
# (tests/e2e/lookup.mjs with SCREENSHOTS set): the map fits itself to the areas only after
# their GeoJSON arrives, which a one-shot screenshot does not wait for.
# The answer PDF's first page (tests/server/tst_AnswerPdf renders its sample).
if [ -x "$build/tests/server/tst_AnswerPdf" ]; then
    DIMOS_SCREENSHOT_DIR=$out QT_QPA_PLATFORM=offscreen "$build/tests/server/tst_AnswerPdf" sampleScreenshot >/dev/null
    echo "$out/answer-pdf.png"
fi
