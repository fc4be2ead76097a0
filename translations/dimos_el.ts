<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR">
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>Wrong username or password (or the account is disabled).</source>
        <translation>Λάθος όνομα χρήστη ή κωδικός πρόσβασης (ή ο λογαριασμός είναι απενεργοποιημένος).</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network connection.
(%1)</source>
        <translation>Δεν είναι δυνατή η σύνδεση με τον διακομιστή. Ελέγξτε τη διεύθυνση και τη σύνδεσή σας στο δίκτυο.
(%1)</translation>
    </message>
    <message>
        <source>The server&apos;s certificate cannot be trusted, so the connection was not made. Ask your IT department.
(%1)</source>
        <translation>Το πιστοποιητικό του διακομιστή δεν είναι αξιόπιστο, γι&apos; αυτό η σύνδεση δεν πραγματοποιήθηκε. Απευθυνθείτε στο τμήμα πληροφορικής.
(%1)</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης. Δοκιμάστε ξανά σε %n λεπτό.</numerusform>
            <numerusform>Πάρα πολλές αποτυχημένες προσπάθειες σύνδεσης. Δοκιμάστε ξανά σε %n λεπτά.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Εντάξει</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Αποθήκευση</translation>
    </message>
    <message>
        <source>Save All</source>
        <translation>Αποθήκευση όλων</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Άνοιγμα</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ναι</translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation>Ναι σε ό&amp;λα</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Όχι</translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation>Όχι &amp;σε όλα</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Διακοπή</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>Παράβλεψη</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Απόρριψη</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Βοήθεια</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Εφαρμογή</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Επαναφορά</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>Επαναφορά προεπιλογών</translation>
    </message>
</context>
<context>
    <name>dimos::AdminListDialog</name>
    <message>
        <source>Saved.</source>
        <translation>Αποθηκεύτηκε.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Δεν αποθηκεύτηκε: %1</translation>
    </message>
</context>
<context>
    <name>dimos::ApiClient</name>
    <message>
        <source>The server sent an answer that cannot be read.</source>
        <translation>Ο διακομιστής έστειλε απάντηση που δεν μπορεί να διαβαστεί.</translation>
    </message>
    <message>
        <source>The server sent no file.</source>
        <translation>Ο διακομιστής δεν έστειλε αρχείο.</translation>
    </message>
</context>
<context>
    <name>dimos::AssignDialog</name>
    <message>
        <source>Assign</source>
        <translation>Ανάθεση</translation>
    </message>
    <message>
        <source>Only managers and administrators move reports between departments.</source>
        <translation>Μόνο οι προϊστάμενοι και οι διαχειριστές μεταφέρουν αναφορές μεταξύ τμημάτων.</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Τμήμα:</translation>
    </message>
    <message>
        <source>&amp;Clerk:</source>
        <translation>&amp;Υπάλληλος:</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(κανείς)</translation>
    </message>
</context>
<context>
    <name>dimos::AuditLogDialog</name>
    <message>
        <source>Opened the request</source>
        <translation>Άνοιξε την αίτηση</translation>
    </message>
    <message>
        <source>Opened a supporting document</source>
        <translation>Άνοιξε δικαιολογητικό</translation>
    </message>
    <message>
        <source>Opened the answer</source>
        <translation>Άνοιξε την απάντηση</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Υπάλληλος</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Αιτών</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Σύστημα</translation>
    </message>
    <message>
        <source>Audit log of personal data</source>
        <translation>Αρχείο πρόσβασης σε προσωπικά δεδομένα</translation>
    </message>
    <message>
        <source>Every opening of a request, a supporting document or an answer, by staff or by the applicant. Rows are never changed or deleted.</source>
        <translation>Κάθε άνοιγμα αίτησης, δικαιολογητικού ή απάντησης, από υπάλληλο ή από τον αιτούντα. Οι εγγραφές δεν αλλάζουν και δεν διαγράφονται ποτέ.</translation>
    </message>
    <message>
        <source>&amp;Request no.:</source>
        <translation>Αρ. &amp;αίτησης:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>Α&amp;πό</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>έ&amp;ως</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Ανα&amp;ζήτηση</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Πότε</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Ποιος</translation>
    </message>
    <message>
        <source>As</source>
        <translation>Ως</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Τι</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Αίτηση</translation>
    </message>
    <message>
        <source>File (SHA-256)</source>
        <translation>Αρχείο (SHA-256)</translation>
    </message>
    <message>
        <source>From address</source>
        <translation>Από διεύθυνση</translation>
    </message>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation>Το αρχείο πρόσβασης δεν φορτώθηκε: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Φόρτωση…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s), newest first</source>
        <translation>
            <numerusform>%n εγγραφή, οι νεότερες πρώτα</numerusform>
            <numerusform>%n εγγραφές, οι νεότερες πρώτα</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::CategoriesDialog</name>
    <message>
        <source>Short text</source>
        <translation>Σύντομο κείμενο</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>Μεγάλο κείμενο</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Αριθμός</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Ημερομηνία και ώρα</translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation>Ένα από λίστα</translation>
    </message>
    <message>
        <source>Several of a list</source>
        <translation>Πολλά από λίστα</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Κατηγορίες</translation>
    </message>
    <message>
        <source>&amp;New category</source>
        <translation>&amp;Νέα κατηγορία</translation>
    </message>
    <message>
        <source>e.g. fallen_tree (the Open311 service code; cannot change later)</source>
        <translation>π.χ. fallen_tree (ο κωδικός υπηρεσίας Open311· δεν αλλάζει αργότερα)</translation>
    </message>
    <message>
        <source>Problem: citizens report in it</source>
        <translation>Πρόβλημα: οι πολίτες αναφέρουν σε αυτήν</translation>
    </message>
    <message>
        <source>Information: staff publish events, pets, tourism…</source>
        <translation>Ενημέρωση: το προσωπικό δημοσιεύει εκδηλώσεις, ζώα, τουρισμό…</translation>
    </message>
    <message>
        <source>a short name, e.g. tree; empty: the default</source>
        <translation>σύντομο όνομα, π.χ. tree· κενό: το προεπιλεγμένο</translation>
    </message>
    <message>
        <source>words citizens may search with, separated by commas</source>
        <translation>λέξεις που μπορεί να αναζητήσουν οι πολίτες, χωρισμένες με κόμματα</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Καμία</translation>
    </message>
    <message>
        <source>No service level</source>
        <translation>Χωρίς προθεσμία εξυπηρέτησης</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ημέρες</translation>
    </message>
    <message>
        <source>Web reports wait for a &amp;moderator before they are public</source>
        <translation>Οι αναφορές από τον ιστότοπο περιμένουν &amp;συντονιστή πριν δημοσιευθούν</translation>
    </message>
    <message>
        <source>&amp;Active (offered to citizens)</source>
        <translation>&amp;Ενεργή (προσφέρεται στους πολίτες)</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Είδος:</translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation>Όνομα (&amp;ελληνικά):</translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation>Όνομα (&amp;αγγλικά):</translation>
    </message>
    <message>
        <source>Description (Greek):</source>
        <translation>Περιγραφή (ελληνικά):</translation>
    </message>
    <message>
        <source>Description (English):</source>
        <translation>Περιγραφή (αγγλικά):</translation>
    </message>
    <message>
        <source>Group (Greek):</source>
        <translation>Ομάδα (ελληνικά):</translation>
    </message>
    <message>
        <source>Group (English):</source>
        <translation>Ομάδα (αγγλικά):</translation>
    </message>
    <message>
        <source>&amp;Icon:</source>
        <translation>&amp;Εικονίδιο:</translation>
    </message>
    <message>
        <source>Key&amp;words:</source>
        <translation>&amp;Λέξεις-κλειδιά:</translation>
    </message>
    <message>
        <source>Handling &amp;department:</source>
        <translation>Αρμόδια &amp;υπηρεσία:</translation>
    </message>
    <message>
        <source>&amp;Service level:</source>
        <translation>&amp;Προθεσμία εξυπηρέτησης:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Γενικά</translation>
    </message>
    <message>
        <source>The category&apos;s own questions, asked in this order on the web form and in Open311. A list&apos;s values: “key = Greek | English”, separated by “;”.</source>
        <translation>Οι δικές ερωτήσεις της κατηγορίας, με αυτή τη σειρά στη φόρμα του ιστότοπου και στο Open311. Τιμές λίστας: «κλειδί = Ελληνικά | Αγγλικά», χωρισμένες με «;».</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Question (Greek)</source>
        <translation>Ερώτηση (ελληνικά)</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>Ερώτηση (αγγλικά)</translation>
    </message>
    <message>
        <source>Answer type</source>
        <translation>Είδος απάντησης</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Υποχρεωτικό</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Τιμές</translation>
    </message>
    <message>
        <source>Help (Greek)</source>
        <translation>Βοήθεια (ελληνικά)</translation>
    </message>
    <message>
        <source>Help (English)</source>
        <translation>Βοήθεια (αγγλικά)</translation>
    </message>
    <message>
        <source>Add a &amp;field</source>
        <translation>Προσθήκη &amp;πεδίου</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Αφαίρεση</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Μετακίνηση &amp;πάνω</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Μετακίνηση &amp;κάτω</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Πεδία</translation>
    </message>
    <message>
        <source>Ready answers staff pick when they write a public note in this category.</source>
        <translation>Έτοιμες απαντήσεις που επιλέγει το προσωπικό όταν γράφει δημόσια σημείωση σε αυτή την κατηγορία.</translation>
    </message>
    <message>
        <source>Title (Greek)</source>
        <translation>Τίτλος (ελληνικά)</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>Τίτλος (αγγλικά)</translation>
    </message>
    <message>
        <source>Text (Greek)</source>
        <translation>Κείμενο (ελληνικά)</translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation>Κείμενο (αγγλικά)</translation>
    </message>
    <message>
        <source>Add a res&amp;ponse</source>
        <translation>Προσθήκη &amp;απάντησης</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Α&amp;φαίρεση</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Απαντήσεις</translation>
    </message>
    <message>
        <source>%1 (information)</source>
        <translation>%1 (ενημέρωση)</translation>
    </message>
    <message>
        <source>%1 — inactive</source>
        <translation>%1 — ανενεργή</translation>
    </message>
    <message>
        <source>Saved. The web form and Open311 show it now.</source>
        <translation>Αποθηκεύτηκε. Η φόρμα του ιστότοπου και το Open311 τη δείχνουν ήδη.</translation>
    </message>
</context>
<context>
    <name>dimos::DepartmentsDialog</name>
    <message>
        <source>Departments</source>
        <translation>Υπηρεσίες</translation>
    </message>
    <message>
        <source>&amp;New department</source>
        <translation>&amp;Νέα υπηρεσία</translation>
    </message>
    <message>
        <source>e.g. roads (letters, digits, - and _)</source>
        <translation>π.χ. roads (γράμματα, ψηφία, - και _)</translation>
    </message>
    <message>
        <source>Takes &amp;reports</source>
        <translation>Δέχεται &amp;αναφορές</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation>Όνομα (&amp;ελληνικά):</translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation>Όνομα (&amp;αγγλικά):</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation>%1 (ανενεργή)</translation>
    </message>
</context>
<context>
    <name>dimos::DeskApp</name>
    <message>
        <source>Open the cached reports read-only</source>
        <translation>Άνοιγμα των αποθηκευμένων αναφορών μόνο για ανάγνωση</translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Sign in again.</source>
        <translation>Η αποθηκευμένη σύνδεσή σας δεν ισχύει πια. Συνδεθείτε ξανά.</translation>
    </message>
</context>
<context>
    <name>dimos::DuplicateDialog</name>
    <message>
        <source>Mark report %1 as a duplicate</source>
        <translation>Σήμανση της αναφοράς %1 ως διπλότυπης</translation>
    </message>
    <message>
        <source>Optional public note, e.g. &quot;Already reported; we are on it.&quot;</source>
        <translation>Προαιρετική δημόσια σημείωση, π.χ. «Έχει ήδη αναφερθεί· το χειριζόμαστε.»</translation>
    </message>
    <message>
        <source>Duplicate of report:</source>
        <translation>Διπλότυπη της αναφοράς:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Σημείωση:</translation>
    </message>
    <message>
        <source>Mark as duplicate</source>
        <translation>Σήμανση ως διπλότυπης</translation>
    </message>
</context>
<context>
    <name>dimos::IdentifyPanel</name>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>no</source>
        <translation>όχι</translation>
    </message>
    <message>
        <source>Coverage ratio</source>
        <translation>Ποσοστό κάλυψης (Σ.Κ.)</translation>
    </message>
    <message>
        <source>Building factor</source>
        <translation>Συντελεστής δόμησης (Σ.Δ.)</translation>
    </message>
    <message>
        <source>Maximum height</source>
        <translation>Μέγιστο ύψος</translation>
    </message>
    <message>
        <source>Maximum floors</source>
        <translation>Μέγιστος αριθμός ορόφων</translation>
    </message>
    <message>
        <source>Minimum plot area</source>
        <translation>Αρτιότητα (ελάχιστο εμβαδόν)</translation>
    </message>
    <message>
        <source>Minimum frontage</source>
        <translation>Ελάχιστο πρόσωπο</translation>
    </message>
    <message>
        <source>Land use</source>
        <translation>Χρήσεις γης</translation>
    </message>
    <message>
        <source>Decree (ΦΕΚ)</source>
        <translation>ΦΕΚ / απόφαση</translation>
    </message>
    <message>
        <source>Click the map to see what is there.</source>
        <translation>Πατήστε στον χάρτη για να δείτε τι υπάρχει εκεί.</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Πεδίο</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Τιμή</translation>
    </message>
    <message>
        <source>What is here</source>
        <translation>Τι υπάρχει εδώ</translation>
    </message>
    <message>
        <source>The server cannot say what is here: %1</source>
        <translation>Ο διακομιστής δεν μπορεί να πει τι υπάρχει εδώ: %1</translation>
    </message>
    <message>
        <source>Looking at %1, %2…</source>
        <translation>Αναζήτηση στο %1, %2…</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>No layer has anything at %1.</source>
        <translation>Κανένα επίπεδο δεν έχει κάτι στο %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) at %1</source>
        <translation>
            <numerusform>%n στοιχείο στο %1</numerusform>
            <numerusform>%n στοιχεία στο %1</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(χωρίς όνομα)</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Απόσταση</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 μ.</translation>
    </message>
    <message>
        <source>Building terms</source>
        <translation>Όροι δόμησης</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Πεδία</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Πηγή</translation>
    </message>
</context>
<context>
    <name>dimos::InformationView</name>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Κατηγορία:</translation>
    </message>
    <message>
        <source>Items in this category</source>
        <translation>Ανακοινώσεις της κατηγορίας</translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation>&amp;Νέα ανακοίνωση</translation>
    </message>
    <message>
        <source>Title (&amp;Greek):</source>
        <translation>Τίτλος (&amp;ελληνικά):</translation>
    </message>
    <message>
        <source>Title (E&amp;nglish, optional):</source>
        <translation>Τίτλος (α&amp;γγλικά, προαιρετικά):</translation>
    </message>
    <message>
        <source>&amp;Text (Greek):</source>
        <translation>&amp;Κείμενο (ελληνικά):</translation>
    </message>
    <message>
        <source>Text (English, o&amp;ptional):</source>
        <translation>Κείμενο (αγγλικά, π&amp;ροαιρετικά):</translation>
    </message>
    <message>
        <source>An &amp;event with a date</source>
        <translation>&amp;Εκδήλωση με ημερομηνία</translation>
    </message>
    <message>
        <source>&amp;Ends at:</source>
        <translation>&amp;Λήγει:</translation>
    </message>
    <message>
        <source>A place or address, e.g. Κεντρική Πλατεία</source>
        <translation>Τόπος ή διεύθυνση, π.χ. Κεντρική Πλατεία</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Τόπος:</translation>
    </message>
    <message>
        <source>latitude</source>
        <translation>γεωγρ. πλάτος</translation>
    </message>
    <message>
        <source>longitude</source>
        <translation>γεωγρ. μήκος</translation>
    </message>
    <message>
        <source>Use the &amp;map&apos;s centre</source>
        <translation>Το κέντρο του &amp;χάρτη</translation>
    </message>
    <message>
        <source>P&amp;oint:</source>
        <translation>&amp;Σημείο:</translation>
    </message>
    <message>
        <source>Map: move it so that the place is in the middle</source>
        <translation>Χάρτης: μετακινήστε τον ώστε ο τόπος να είναι στη μέση</translation>
    </message>
    <message>
        <source>Add p&amp;hoto…</source>
        <translation>Προσθήκη &amp;φωτογραφίας…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Απόσυρση</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>&amp;Δημοσίευση</translation>
    </message>
    <message>
        <source>Saved. Subscribers hear of new items by e-mail.</source>
        <translation>Αποθηκεύτηκε. Οι συνδρομητές μαθαίνουν τις νέες ανακοινώσεις με e-mail.</translation>
    </message>
    <message>
        <source>Withdrawn: it is no longer on the public pages.</source>
        <translation>Αποσύρθηκε: δεν εμφανίζεται πια στις δημόσιες σελίδες.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Δεν αποθηκεύτηκε: %1</translation>
    </message>
    <message>
        <source>(withdrawn)</source>
        <translation>(αποσύρθηκε)</translation>
    </message>
    <message>
        <source>New item in “%1”</source>
        <translation>Νέα ανακοίνωση στην κατηγορία «%1»</translation>
    </message>
    <message>
        <source>Item #%1</source>
        <translation>Ανακοίνωση #%1</translation>
    </message>
    <message>
        <source>Item #%1 (withdrawn)</source>
        <translation>Ανακοίνωση #%1 (αποσύρθηκε)</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n φωτογραφία</numerusform>
            <numerusform>%n φωτογραφίες</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos can be added once it is published.</source>
        <translation>Φωτογραφίες προστίθενται μετά τη δημοσίευση.</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Αποθήκευση αλλαγών</translation>
    </message>
    <message>
        <source>You may publish only in the information categories of your departments.</source>
        <translation>Μπορείτε να δημοσιεύετε μόνο στις κατηγορίες ενημέρωσης των τμημάτων σας.</translation>
    </message>
    <message>
        <source>The point needs a latitude and a longitude in degrees, e.g. 41.0912 and 23.5486.</source>
        <translation>Το σημείο χρειάζεται γεωγραφικό πλάτος και μήκος σε μοίρες, π.χ. 41.0912 και 23.5486.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Αποθήκευση…</translation>
    </message>
    <message>
        <source>Withdraw the item</source>
        <translation>Απόσυρση της ανακοίνωσης</translation>
    </message>
    <message>
        <source>Withdraw it from the public pages and the feed? It cannot be published again.</source>
        <translation>Να αποσυρθεί από τις δημόσιες σελίδες και τη ροή; Δεν μπορεί να δημοσιευτεί ξανά.</translation>
    </message>
    <message>
        <source>Add a photo</source>
        <translation>Προσθήκη φωτογραφίας</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation>Φωτογραφίες (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Δεν διαβάζεται το %1: %2</translation>
    </message>
    <message>
        <source>Sending the photo…</source>
        <translation>Αποστολή της φωτογραφίας…</translation>
    </message>
</context>
<context>
    <name>dimos::LayerImportDialog</name>
    <message>
        <source>Import GIS layer</source>
        <translation>Εισαγωγή γεωγραφικού επιπέδου</translation>
    </message>
    <message>
        <source>GIS file</source>
        <translation>Γεωγραφικό αρχείο</translation>
    </message>
    <message>
        <source>GIS files (*.zip *.gpkg *.kml *.geojson *.json);;All files (*)</source>
        <translation>Γεωγραφικά αρχεία (*.zip *.gpkg *.kml *.geojson *.json);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Επιλογή…</translation>
    </message>
    <message>
        <source>a .zip with a Shapefile, .gpkg, .kml or .geojson</source>
        <translation>ένα .zip με Shapefile, ή .gpkg, .kml, .geojson</translation>
    </message>
    <message>
        <source>e.g. school-districts</source>
        <translation>π.χ. school-districts</translation>
    </message>
    <message>
        <source>Municipal units</source>
        <translation>Δημοτικές ενότητες</translation>
    </message>
    <message>
        <source>School districts</source>
        <translation>Σχολικές περιφέρειες</translation>
    </message>
    <message>
        <source>Planning zones (with building terms)</source>
        <translation>Πολεοδομικές ζώνες (με όρους δόμησης)</translation>
    </message>
    <message>
        <source>Networks (lines)</source>
        <translation>Δίκτυα (γραμμές)</translation>
    </message>
    <message>
        <source>Points of interest</source>
        <translation>Σημεία ενδιαφέροντος</translation>
    </message>
    <message>
        <source>Municipal boundary</source>
        <translation>Όρια του δήμου</translation>
    </message>
    <message>
        <source>Automatic (the .cpg file)</source>
        <translation>Αυτόματα (από το αρχείο .cpg)</translation>
    </message>
    <message>
        <source>Windows-1253 (most Greek data)</source>
        <translation>Windows-1253 (τα περισσότερα ελληνικά δεδομένα)</translation>
    </message>
    <message>
        <source>ISO-8859-7 (ELOT 928)</source>
        <translation>ISO-8859-7 (ΕΛΟΤ 928)</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Only for Shapefiles: the text encoding of the .dbf file.</source>
        <translation>Μόνο για Shapefile: η κωδικοποίηση κειμένου του αρχείου .dbf.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Αρχείο:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Είδος:</translation>
    </message>
    <message>
        <source>&amp;Greek name:</source>
        <translation>Όνομα στα &amp;ελληνικά:</translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation>Όνομα στα α&amp;γγλικά:</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>Κω&amp;δικοποίηση:</translation>
    </message>
    <message>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>Ε&amp;ισαγωγή</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>Διαλέξτε το αρχείο για εισαγωγή.</translation>
    </message>
    <message>
        <source>The layer needs a code and a Greek name.</source>
        <translation>Το επίπεδο χρειάζεται κωδικό και ελληνικό όνομα.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>Το %1 δεν διαβάζεται: %2</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>Αποστολή του %1…</translation>
    </message>
    <message>
        <source>Reading the file: %1 of %2 features</source>
        <translation>Ανάγνωση του αρχείου: %1 από %2 στοιχεία</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Ανάγνωση του αρχείου…</translation>
    </message>
    <message>
        <source>Storing the layer…</source>
        <translation>Αποθήκευση του επιπέδου…</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n feature(s) in the layer %1.</source>
        <translation>
            <numerusform>Έγινε εισαγωγή: %n στοιχείο στο επίπεδο %1.</numerusform>
            <numerusform>Έγινε εισαγωγή: %n στοιχεία στο επίπεδο %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not imported; the layers are as they were.</source>
        <translation>Δεν έγινε εισαγωγή· τα επίπεδα έμειναν όπως ήταν.</translation>
    </message>
</context>
<context>
    <name>dimos::LayerPanel</name>
    <message>
        <source>Map layers</source>
        <translation>Επίπεδα χάρτη</translation>
    </message>
    <message>
        <source>Re&amp;load layers</source>
        <translation>Ανα&amp;νέωση επιπέδων</translation>
    </message>
    <message>
        <source>The layer %1 cannot be loaded: %2</source>
        <translation>Το επίπεδο %1 δεν φορτώθηκε: %2</translation>
    </message>
    <message>
        <source>The layers cannot be loaded: %1</source>
        <translation>Τα επίπεδα δεν φορτώθηκαν: %1</translation>
    </message>
    <message>
        <source>Offline: the layers are loaded once the server answers.</source>
        <translation>Εκτός σύνδεσης: τα επίπεδα φορτώνονται όταν απαντήσει ο διακομιστής.</translation>
    </message>
    <message>
        <source>Loading the layers…</source>
        <translation>Φόρτωση των επιπέδων…</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n στοιχείο</numerusform>
            <numerusform>%n στοιχεία</numerusform>
        </translation>
    </message>
    <message>
        <source>The server has no map layers besides the boundary.</source>
        <translation>Ο διακομιστής δεν έχει επίπεδα χάρτη εκτός από τα όρια.</translation>
    </message>
    <message>
        <source>The layer %1 cannot be read: %2</source>
        <translation>Το επίπεδο %1 δεν διαβάζεται: %2</translation>
    </message>
    <message>
        <source>Remove the layer</source>
        <translation>Αφαίρεση του επιπέδου</translation>
    </message>
    <message>
        <source>&amp;Properties…</source>
        <translation>&amp;Ιδιότητες…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Α&amp;φαίρεση…</translation>
    </message>
    <message>
        <source>The layer %1 was removed.</source>
        <translation>Το επίπεδο %1 αφαιρέθηκε.</translation>
    </message>
    <message>
        <source>The layer %1 was not changed: %2</source>
        <translation>Το επίπεδο %1 δεν άλλαξε: %2</translation>
    </message>
    <message>
        <source>The layer %1 was saved.</source>
        <translation>Το επίπεδο %1 αποθηκεύτηκε.</translation>
    </message>
    <message numerus="yes">
        <source>Remove the layer “%1” (%n feature(s)) from the server? Maps and the address look-up no longer show it, and routing rules that name its areas stop matching. To have it back, import its file again.</source>
        <translation>
            <numerusform>Να αφαιρεθεί το επίπεδο «%1» (%n στοιχείο) από τον διακομιστή; Οι χάρτες και η αναζήτηση διεύθυνσης δεν θα το δείχνουν, και οι κανόνες δρομολόγησης που αναφέρουν περιοχές του παύουν να ταιριάζουν. Για να το έχετε ξανά, εισαγάγετε ξανά το αρχείο του.</numerusform>
            <numerusform>Να αφαιρεθεί το επίπεδο «%1» (%n στοιχεία) από τον διακομιστή; Οι χάρτες και η αναζήτηση διεύθυνσης δεν θα το δείχνουν, και οι κανόνες δρομολόγησης που αναφέρουν περιοχές του παύουν να ταιριάζουν. Για να το έχετε ξανά, εισαγάγετε ξανά το αρχείο του.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::LayerPropertiesDialog</name>
    <message>
        <source>Show it when a map opens</source>
        <translation>Να εμφανίζεται όταν ανοίγει ένας χάρτης</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Αποθήκευση</translation>
    </message>
    <message>
        <source>Colour of the layer</source>
        <translation>Χρώμα του επιπέδου</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Επίπεδο %1</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Κωδικός:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Είδος:</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Στοιχεία:</translation>
    </message>
    <message>
        <source>Imported from:</source>
        <translation>Εισαγωγή από:</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <source>Source and licence:</source>
        <translation>Πηγή και άδεια:</translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation>Όνομα (&amp;ελληνικά):</translation>
    </message>
    <message>
        <source>Name (&amp;English):</source>
        <translation>Όνομα (&amp;αγγλικά):</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>&amp;Χρώμα:</translation>
    </message>
    <message>
        <source>&amp;Outline:</source>
        <translation>&amp;Περίγραμμα:</translation>
    </message>
    <message>
        <source>&amp;Line width:</source>
        <translation>Πάχος &amp;γραμμής:</translation>
    </message>
    <message>
        <source>Point &amp;size:</source>
        <translation>&amp;Μέγεθος σημείου:</translation>
    </message>
    <message>
        <source>Fill the areas</source>
        <translation>Γέμισμα των περιοχών</translation>
    </message>
    <message>
        <source>Fill &amp;opacity:</source>
        <translation>&amp;Αδιαφάνεια γεμίσματος:</translation>
    </message>
    <message>
        <source>The layer was not changed: %1</source>
        <translation>Το επίπεδο δεν άλλαξε: %1</translation>
    </message>
    <message>
        <source>The layer needs a Greek name: citizens read it on the web pages.</source>
        <translation>Το επίπεδο χρειάζεται ελληνικό όνομα: το διαβάζουν οι πολίτες στις ιστοσελίδες.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
</context>
<context>
    <name>dimos::LoginDialog</name>
    <message>
        <source>Keep me signed in on this computer</source>
        <translation>Διατήρηση της σύνδεσης σε αυτόν τον υπολογιστή</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Σύνδεση</translation>
    </message>
    <message>
        <source>Dimos — sign in</source>
        <translation>Dimos — Σύνδεση</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Διακομιστής:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Όνομα &amp;χρήστη:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Κωδικός πρόσβασης:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>No password store (secret service) is available on this computer, so the sign-in cannot be kept.</source>
        <translation>Δεν υπάρχει διαθέσιμη αποθήκη κωδικών (secret service) σε αυτόν τον υπολογιστή, γι&apos; αυτό η σύνδεση δεν μπορεί να διατηρηθεί.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Γίνεται σύνδεση…</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://dimos.example.org</source>
        <translation>Εισαγάγετε τη διεύθυνση του διακομιστή, για παράδειγμα https://dimos.example.org</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Εισαγάγετε το όνομα χρήστη και τον κωδικό πρόσβασης.</translation>
    </message>
</context>
<context>
    <name>dimos::MainWindow</name>
    <message>
        <source>Dimos — %1</source>
        <translation>Dimos — %1</translation>
    </message>
    <message>
        <source>Report #%1 saved</source>
        <translation>Η αναφορά #%1 αποθηκεύτηκε</translation>
    </message>
    <message>
        <source>Search: number, words, address…</source>
        <translation>Αναζήτηση: αριθμός, λέξεις, διεύθυνση…</translation>
    </message>
    <message>
        <source>any age</source>
        <translation>χωρίς όριο</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ημέρες</translation>
    </message>
    <message>
        <source>Only reports filed within this many days</source>
        <translation>Μόνο αναφορές που υποβλήθηκαν μέσα σε αυτόν τον αριθμό ημερών</translation>
    </message>
    <message>
        <source>Open (new, acknowledged, in progress)</source>
        <translation>Ανοιχτές (νέα, παραλήφθηκε, σε εξέλιξη)</translation>
    </message>
    <message>
        <source>Closed (resolved, closed, rejected, duplicate)</source>
        <translation>Κλειστές (επιλύθηκε, έκλεισε, απορρίφθηκε, διπλότυπη)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Όλες οι καταστάσεις</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Όλες οι κατηγορίες</translation>
    </message>
    <message>
        <source>My department: %1</source>
        <translation>Το τμήμα μου: %1</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Όλα τα τμήματα</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>Ανατεθειμένες σε εμένα</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Χωρίς ανάθεση</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Οποιοσδήποτε</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>Όλες οι προτεραιότητες</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Επιβεβαίωση παραλαβής</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Αλλαγή &amp;κατάστασης…</translation>
    </message>
    <message>
        <source>Public &amp;note…</source>
        <translation>&amp;Δημόσια σημείωση…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>&amp;Ανάθεση…</translation>
    </message>
    <message>
        <source>Mark as &amp;duplicate…</source>
        <translation>Σήμανση ως διπλό&amp;τυπης…</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Επανά&amp;νοιγμα</translation>
    </message>
    <message>
        <source>&amp;Expected date…</source>
        <translation>Αναμενόμενη &amp;ημερομηνία…</translation>
    </message>
    <message>
        <source>&amp;In progress…</source>
        <translation>Σε ε&amp;ξέλιξη…</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>Επί&amp;λυση…</translation>
    </message>
    <message>
        <source>&amp;Internal note…</source>
        <translation>Εσωτερική ση&amp;μείωση…</translation>
    </message>
    <message>
        <source>Priority: low</source>
        <translation>Προτεραιότητα: χαμηλή</translation>
    </message>
    <message>
        <source>Priority: normal</source>
        <translation>Προτεραιότητα: κανονική</translation>
    </message>
    <message>
        <source>Priority: high</source>
        <translation>Προτεραιότητα: υψηλή</translation>
    </message>
    <message>
        <source>Priority: urgent</source>
        <translation>Προτεραιότητα: επείγον</translation>
    </message>
    <message>
        <source>&amp;Zoom to selection</source>
        <translation>&amp;Εστίαση στην επιλογή</translation>
    </message>
    <message>
        <source>Reload &amp;everything</source>
        <translation>&amp;Ανανέωση όλων</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Εύρεση</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Αρχείο</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Αποσύνδεση</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Έ&amp;ξοδος</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>Α&amp;ναφορά</translation>
    </message>
    <message>
        <source>Triage</source>
        <translation>Διαλογή</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Προτεραιότητα</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Προβολή</translation>
    </message>
    <message>
        <source>Map &amp;background tiles</source>
        <translation>&amp;Υπόβαθρο χάρτη</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Γλώσσα</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Όπως το σύστημα</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● Συνδεδεμένο</translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation>● Γίνεται σύνδεση…</translation>
    </message>
    <message>
        <source>● Offline — read-only, retrying</source>
        <translation>● Εκτός σύνδεσης — μόνο ανάγνωση, νέα προσπάθεια</translation>
    </message>
    <message>
        <source>● Connection lost — retrying</source>
        <translation>● Η σύνδεση χάθηκε — νέα προσπάθεια</translation>
    </message>
    <message>
        <source>● Disconnected</source>
        <translation>● Αποσυνδεδεμένο</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n reports shown</source>
        <translation>
            <numerusform>Εμφανίζεται %1 από %n αναφορά</numerusform>
            <numerusform>Εμφανίζονται %1 από %n αναφορές</numerusform>
        </translation>
    </message>
    <message>
        <source>New report #%1</source>
        <translation>Νέα αναφορά #%1</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Άλλαξε από άλλον χρήστη</translation>
    </message>
    <message>
        <source>Report #%1 was changed by someone else while you were working on it. The window now shows its current state: check it and repeat your change if it still applies. Nothing was overwritten.</source>
        <translation>Η αναφορά #%1 άλλαξε από άλλον χρήστη ενώ εργαζόσασταν σε αυτήν. Το παράθυρο δείχνει τώρα την τρέχουσα κατάστασή της: ελέγξτε την και επαναλάβετε την αλλαγή σας, αν ισχύει ακόμη. Δεν αντικαταστάθηκε τίποτα.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Αποσυνδεθήκατε</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Η συνεδρία σας έληξε. Συνδεθείτε ξανά.</translation>
    </message>
    <message>
        <source>Report #%1 was not changed</source>
        <translation>Η αναφορά #%1 δεν άλλαξε</translation>
    </message>
    <message>
        <source>● Offline — read-only; sign in again to make changes</source>
        <translation>● Εκτός σύνδεσης — μόνο ανάγνωση· συνδεθείτε ξανά για αλλαγές</translation>
    </message>
    <message>
        <source>The history cannot be loaded: %1</source>
        <translation>Το ιστορικό δεν φορτώθηκε: %1</translation>
    </message>
    <message>
        <source>The history and photos cannot be loaded while offline.</source>
        <translation>Το ιστορικό και οι φωτογραφίες δεν φορτώνονται χωρίς σύνδεση.</translation>
    </message>
    <message>
        <source>The photo cannot be loaded: %1</source>
        <translation>Η φωτογραφία δεν μπορεί να φορτωθεί: %1</translation>
    </message>
    <message>
        <source>The photo cannot be saved for viewing: %1</source>
        <translation>Η φωτογραφία δεν μπορεί να αποθηκευτεί για προβολή: %1</translation>
    </message>
    <message>
        <source>A&amp;pprove for the public</source>
        <translation>Έ&amp;γκριση για το κοινό</translation>
    </message>
    <message>
        <source>Re&amp;dact description…</source>
        <translation>&amp;Διόρθωση περιγραφής…</translation>
    </message>
    <message>
        <source>&amp;Hide from the public</source>
        <translation>Απόκρυ&amp;ψη από το κοινό</translation>
    </message>
    <message>
        <source>&amp;Moderation</source>
        <translation>Έ&amp;λεγχος δημοσίευσης</translation>
    </message>
    <message>
        <source>Public &amp;information…</source>
        <translation>Δημόσια &amp;ενημέρωση…</translation>
    </message>
    <message>
        <source>Public information</source>
        <translation>Δημόσια ενημέρωση</translation>
    </message>
    <message>
        <source>&amp;Requests for certificates…</source>
        <translation>&amp;Αιτήσεις πιστοποιητικών…</translation>
    </message>
    <message>
        <source>Protocol re&amp;gister…</source>
        <translation>&amp;Πρωτόκολλο…</translation>
    </message>
    <message>
        <source>Protocol register</source>
        <translation>Πρωτόκολλο</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Διαχείριση</translation>
    </message>
    <message>
        <source>&amp;Request types…</source>
        <translation>&amp;Είδη αιτήσεων…</translation>
    </message>
    <message>
        <source>Requests for certificates and programmes</source>
        <translation>Αιτήσεις για πιστοποιητικά και προγράμματα</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>Αρχείο &amp;πρόσβασης…</translation>
    </message>
    <message>
        <source>&amp;Departments…</source>
        <translation>&amp;Υπηρεσίες…</translation>
    </message>
    <message>
        <source>&amp;Staff users…</source>
        <translation>&amp;Χρήστες προσωπικού…</translation>
    </message>
    <message>
        <source>&amp;Categories…</source>
        <translation>&amp;Κατηγορίες…</translation>
    </message>
    <message>
        <source>Ro&amp;uting rules…</source>
        <translation>Κανόνες &amp;δρομολόγησης…</translation>
    </message>
    <message>
        <source>Import &amp;GIS layer…</source>
        <translation>Εισαγωγή &amp;γεωγραφικού επιπέδου…</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>Επίπεδα χάρτη</translation>
    </message>
    <message>
        <source>What is here</source>
        <translation>Τι υπάρχει εδώ</translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation>&amp;Αναγνώριση</translation>
    </message>
    <message>
        <source>Click the map to see the layers&apos; features there (Ctrl+I)</source>
        <translation>Πατήστε στον χάρτη για να δείτε τα στοιχεία των επιπέδων εκεί (Ctrl+I)</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Αλλαγή του &amp;κωδικού μου…</translation>
    </message>
    <message>
        <source>Your password has been changed. Your other sessions were signed out.</source>
        <translation>Ο κωδικός σας άλλαξε. Οι άλλες συνδέσεις σας αποσυνδέθηκαν.</translation>
    </message>
</context>
<context>
    <name>dimos::MapWidget</name>
    <message>
        <source>Map tiles unavailable</source>
        <translation>Το υπόβαθρο του χάρτη δεν είναι διαθέσιμο</translation>
    </message>
</context>
<context>
    <name>dimos::NoteDialog</name>
    <message>
        <source>Public: the citizen sees it and gets it by email</source>
        <translation>Δημόσια: ο πολίτης τη βλέπει και τη λαμβάνει με email</translation>
    </message>
    <message>
        <source>Public note</source>
        <translation>Δημόσια σημείωση</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Εσωτερική σημείωση</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Προσθήκη σημείωσης</translation>
    </message>
    <message>
        <source>(write your own)</source>
        <translation>(γράψτε δική σας)</translation>
    </message>
    <message>
        <source>Ready &amp;answer:</source>
        <translation>Έτοιμη &amp;απάντηση:</translation>
    </message>
</context>
<context>
    <name>dimos::PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Αλλαγή κωδικού</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>Αλλαγή του κωδικού μου</translation>
    </message>
    <message>
        <source>An administrator has set your password. Choose your own before you go on: only you should know it.</source>
        <translation>Τον κωδικό σας τον όρισε ένας διαχειριστής. Επιλέξτε δικό σας πριν συνεχίσετε: πρέπει να τον ξέρετε μόνο εσείς.</translation>
    </message>
    <message>
        <source>Choose a new password for your account.</source>
        <translation>Επιλέξτε νέο κωδικό για τον λογαριασμό σας.</translation>
    </message>
    <message>
        <source>Password you were &amp;given:</source>
        <translation>Κωδικός που σας &amp;δόθηκε:</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>&amp;Τρέχων κωδικός:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Νέος κωδικός:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Επανάληψη:</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters. A few unrelated words make a good password.</source>
        <translation>
            <numerusform>Τουλάχιστον %n χαρακτήρας. Μερικές άσχετες μεταξύ τους λέξεις κάνουν καλό κωδικό.</numerusform>
            <numerusform>Τουλάχιστον %n χαρακτήρες. Μερικές άσχετες μεταξύ τους λέξεις κάνουν καλό κωδικό.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Αποσύνδεση</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation>Πληκτρολογήστε τον τρέχοντα κωδικό σας.</translation>
    </message>
    <message numerus="yes">
        <source>The new password must have at least %n characters.</source>
        <translation>
            <numerusform>Ο νέος κωδικός πρέπει να έχει τουλάχιστον %n χαρακτήρα.</numerusform>
            <numerusform>Ο νέος κωδικός πρέπει να έχει τουλάχιστον %n χαρακτήρες.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passwords are not the same. Type the new one again.</source>
        <translation>Οι δύο νέοι κωδικοί δεν είναι ίδιοι. Πληκτρολογήστε ξανά τον νέο.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>Ο νέος κωδικός πρέπει να διαφέρει από τον τρέχοντα.</translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be read.</source>
        <translation>Ο διακομιστής έστειλε απάντηση που δεν διαβάζεται.</translation>
    </message>
    <message>
        <source>Your current password is not right.</source>
        <translation>Ο τρέχων κωδικός σας δεν είναι σωστός.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again and then change the password.</source>
        <translation>Η σύνδεσή σας έληξε. Συνδεθείτε ξανά και μετά αλλάξτε τον κωδικό.</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Try again in a moment.</source>
        <translation>Ο διακομιστής δεν είναι προσβάσιμος (%1). Δοκιμάστε ξανά σε λίγο.</translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Πάρα πολλές προσπάθειες. Δοκιμάστε ξανά σε %n δευτερόλεπτο.</numerusform>
            <numerusform>Πάρα πολλές προσπάθειες. Δοκιμάστε ξανά σε %n δευτερόλεπτα.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation>Ο κωδικός δεν άλλαξε: %1</translation>
    </message>
</context>
<context>
    <name>dimos::ProtocolView</name>
    <message>
        <source>Incoming</source>
        <translation>Εισερχόμενο</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Εξερχόμενο</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Εσωτερικό</translation>
    </message>
    <message>
        <source>General register</source>
        <translation>Γενικό πρωτόκολλο</translation>
    </message>
    <message>
        <source>Confidential register</source>
        <translation>Εμπιστευτικό πρωτόκολλο</translation>
    </message>
    <message>
        <source>number</source>
        <translation>αριθμός</translation>
    </message>
    <message>
        <source>Any direction</source>
        <translation>Κάθε κατεύθυνση</translation>
    </message>
    <message>
        <source>&amp;Book and number:</source>
        <translation>&amp;Βιβλίο και αριθμός:</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>Α&amp;πό</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>έ&amp;ως</translation>
    </message>
    <message>
        <source>subject or sender/recipient, e.g. βεβαιωση</source>
        <translation>θέμα ή αποστολέας/παραλήπτης, π.χ. βεβαιωση</translation>
    </message>
    <message>
        <source>Dates and text:</source>
        <translation>Ημερομηνίες και κείμενο:</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Ανα&amp;ζήτηση</translation>
    </message>
    <message>
        <source>&amp;Export as CSV…</source>
        <translation>Ε&amp;ξαγωγή σε CSV…</translation>
    </message>
    <message>
        <source>Protocol no.</source>
        <translation>Αρ. πρωτ.</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Καταχώριση</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Κατεύθυνση</translation>
    </message>
    <message>
        <source>Sender / recipient</source>
        <translation>Αποστολέας / παραλήπτης</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Τμήμα</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Συνημμένα</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Η αναζήτηση απέτυχε: %1</translation>
    </message>
    <message>
        <source>Export the protocol register</source>
        <translation>Εξαγωγή του πρωτοκόλλου</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Αρχεία CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Δεν ήταν δυνατή η εγγραφή του %1: %2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Εξήχθη στο %1.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Η εξαγωγή απέτυχε: %1</translation>
    </message>
    <message>
        <source>Any department</source>
        <translation>Κάθε τμήμα</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Αναζήτηση…</translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2 entries; narrow the search to see the rest, or export them all.</source>
        <translation>Εμφανίζονται οι νεότερες %1 από %2 εγγραφές· περιορίστε την αναζήτηση για τις υπόλοιπες ή εξαγάγετέ τες όλες.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n εγγραφή</numerusform>
            <numerusform>%n εγγραφές</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Εξαγωγή…</translation>
    </message>
    <message>
        <source>&amp;Import numbers from CSV…</source>
        <translation>Ε&amp;ισαγωγή αριθμών από CSV…</translation>
    </message>
    <message>
        <source>Numbers given by another protocol system, in the export&apos;s columns; all or nothing</source>
        <translation>Αριθμοί από άλλο σύστημα πρωτοκόλλου, με τις στήλες της εξαγωγής· όλοι ή κανένας</translation>
    </message>
    <message>
        <source>Import protocol numbers</source>
        <translation>Εισαγωγή αριθμών πρωτοκόλλου</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Αρχεία CSV (*.csv);;Όλα τα αρχεία (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n entries imported.</source>
        <translation>
            <numerusform>Εισήχθη %n εγγραφή.</numerusform>
            <numerusform>Εισήχθησαν %n εγγραφές.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Δεν εισήχθη τίποτα: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Δεν διαβάζεται το %1: %2</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Εισαγωγή…</translation>
    </message>
</context>
<context>
    <name>dimos::RedactDialog</name>
    <message>
        <source>Redact the description of report %1</source>
        <translation>Διόρθωση της περιγραφής της αναφοράς %1</translation>
    </message>
    <message>
        <source>e.g. &quot;a neighbour&apos;s name and phone number&quot;</source>
        <translation>π.χ. «όνομα και τηλέφωνο γείτονα»</translation>
    </message>
    <message>
        <source>Edit the text the public will see. The old text is not kept anywhere, not even in the history; only the reason is recorded there.</source>
        <translation>Διορθώστε το κείμενο που θα βλέπει το κοινό. Το παλιό κείμενο δεν κρατιέται πουθενά, ούτε στο ιστορικό· εκεί καταγράφεται μόνο ο λόγος.</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Περιγραφή:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Λόγος:</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>Διόρθωση</translation>
    </message>
</context>
<context>
    <name>dimos::ReportDetailPanel</name>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ιστορικό&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;h3&gt;%n reports selected&lt;/h3&gt;</source>
        <translation>
            <numerusform>&lt;h3&gt;Επιλέχθηκε %n αναφορά&lt;/h3&gt;</numerusform>
            <numerusform>&lt;h3&gt;Επιλέχθηκαν %n αναφορές&lt;/h3&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;No report selected&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Δεν έχει επιλεγεί αναφορά&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Actions apply to every selected report.</source>
        <translation>Οι ενέργειες εφαρμόζονται σε κάθε επιλεγμένη αναφορά.</translation>
    </message>
    <message>
        <source>Select a report in the list or on the map.</source>
        <translation>Επιλέξτε μια αναφορά στη λίστα ή στον χάρτη.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source> of #%1</source>
        <translation> της #%1</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Κατηγορία</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Προτεραιότητα</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Τμήμα</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(κανένα)</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Ανατέθηκε σε</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(κανείς)</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>Υποβολή</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ενημέρωση</translation>
    </message>
    <message>
        <source>Expected by</source>
        <translation>Αναμένεται έως</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Διεύθυνση</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(δεν δόθηκε)</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Τοποθεσία</translation>
    </message>
    <message>
        <source>not on the map: place it from the address</source>
        <translation>δεν βρίσκεται στον χάρτη: τοποθετήστε την από τη διεύθυνση</translation>
    </message>
    <message>
        <source>Latest public note</source>
        <translation>Τελευταία δημόσια σημείωση</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Ανακοίνωση</translation>
    </message>
    <message>
        <source>Reporter (private)</source>
        <translation>Στοιχεία πολίτη (απόρρητα)</translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation>Φόρτωση ιστορικού…</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Κατάσταση: %1</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Αλλαγή κατάστασης</translation>
    </message>
    <message>
        <source>Public note</source>
        <translation>Δημόσια σημείωση</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Εσωτερική σημείωση</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Ανάθεση</translation>
    </message>
    <message>
        <source>Marked as duplicate</source>
        <translation>Σημειώθηκε ως διπλότυπη</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>εσωτερική</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>Δημοσίευση</translation>
    </message>
    <message>
        <source>public</source>
        <translation>δημόσια</translation>
    </message>
    <message>
        <source>waiting for the citizen&apos;s e-mail confirmation</source>
        <translation>αναμένει την επιβεβαίωση του πολίτη μέσω e-mail</translation>
    </message>
    <message>
        <source>waiting for a moderator (Moderation menu)</source>
        <translation>αναμένει έλεγχο (μενού Έλεγχος δημοσίευσης)</translation>
    </message>
    <message>
        <source>hidden from the public</source>
        <translation>κρυμμένη από το κοινό</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>μη δημόσια</translation>
    </message>
    <message>
        <source>Double-click to open the photo. Shown to the public.</source>
        <translation>Διπλό κλικ για να ανοίξει η φωτογραφία. Εμφανίζεται στο κοινό.</translation>
    </message>
    <message>
        <source>Double-click to open the photo. Withheld from the public until a moderator shows it (right-click).</source>
        <translation>Διπλό κλικ για να ανοίξει η φωτογραφία. Δεν εμφανίζεται στο κοινό μέχρι να την εγκρίνει κάποιος (δεξί κλικ).</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Άνοιγμα</translation>
    </message>
    <message>
        <source>Withhold from the public</source>
        <translation>Απόκρυψη από το κοινό</translation>
    </message>
    <message>
        <source>Show to the public</source>
        <translation>Εμφάνιση στο κοινό</translation>
    </message>
    <message>
        <source>Confirmed by the citizen</source>
        <translation>Επιβεβαιώθηκε από τον πολίτη</translation>
    </message>
    <message>
        <source>Approved for the public</source>
        <translation>Εγκρίθηκε για το κοινό</translation>
    </message>
    <message>
        <source>Hidden from the public</source>
        <translation>Κρύφτηκε από το κοινό</translation>
    </message>
    <message>
        <source>Photo shown to the public</source>
        <translation>Η φωτογραφία εμφανίζεται στο κοινό</translation>
    </message>
    <message>
        <source>Photo withheld from the public</source>
        <translation>Η φωτογραφία δεν εμφανίζεται στο κοινό</translation>
    </message>
    <message>
        <source>Description redacted</source>
        <translation>Η περιγραφή διορθώθηκε</translation>
    </message>
</context>
<context>
    <name>dimos::ReportTableModel</name>
    <message>
        <source>New</source>
        <translation>Νέα</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Παραλήφθηκε</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Σε εξέλιξη</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Επιλύθηκε</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Έκλεισε</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Απορρίφθηκε</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Διπλότυπη</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Χαμηλή</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Κανονική</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Υψηλή</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Επείγον</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Κανένα</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Χωρίς ανάθεση</translation>
    </message>
    <message>
        <source>No location</source>
        <translation>Χωρίς τοποθεσία</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n ώρα</numerusform>
            <numerusform>%n ώρες</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ημέρα</numerusform>
            <numerusform>%n ημέρες</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Αρ.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Προτεραιότητα</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Κατηγορία</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Τμήμα</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Υπάλληλος</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Διεύθυνση</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Υποβολή</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ενημέρωση</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Παλαιότητα</translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation>Εκπρόθεσμη: προθεσμία %1</translation>
    </message>
</context>
<context>
    <name>dimos::RequestQueueView</name>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Τμήμα:</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>Μόνο &amp;ανοιχτές</translation>
    </message>
    <message>
        <source>Search: protocol number, applicant, request</source>
        <translation>Αναζήτηση: αριθμός πρωτοκόλλου, αιτών, αίτηση</translation>
    </message>
    <message>
        <source>Requests, the most urgent first</source>
        <translation>Αιτήσεις, οι πιο επείγουσες πρώτα</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>Όλα τα τμήματα</translation>
    </message>
    <message>
        <source>All my departments</source>
        <translation>Όλα τα τμήματά μου</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n ανοιχτή</numerusform>
            <numerusform>%n ανοιχτές</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n εκπρόθεσμη</numerusform>
            <numerusform>%n εκπρόθεσμες</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::RequestTableModel</name>
    <message>
        <source>Submitted</source>
        <translation>Υποβλήθηκε</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Σε επεξεργασία</translation>
    </message>
    <message>
        <source>Awaiting documents</source>
        <translation>Αναμένονται δικαιολογητικά</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Εκδόθηκε</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Απορρίφθηκε</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Ανακλήθηκε</translation>
    </message>
    <message>
        <source>overdue since today</source>
        <translation>εκπρόθεσμη από σήμερα</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>εκπρόθεσμη %n ημέρα</numerusform>
            <numerusform>εκπρόθεσμη %n ημέρες</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation>λήγει σήμερα</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>απομένει %n ημέρα</numerusform>
            <numerusform>απομένουν %n ημέρες</numerusform>
        </translation>
    </message>
    <message>
        <source>Legal deadline: %1</source>
        <translation>Νόμιμη προθεσμία: %1</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Προθεσμία</translation>
    </message>
    <message>
        <source>Protocol no.</source>
        <translation>Αρ. πρωτ.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Αίτηση</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Αιτών</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>Χειριστής</translation>
    </message>
</context>
<context>
    <name>dimos::RequestTypesDialog</name>
    <message>
        <source>Short text</source>
        <translation>Σύντομο κείμενο</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>Μεγάλο κείμενο</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Αριθμός</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Ημερομηνία και ώρα</translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation>Ένα από λίστα</translation>
    </message>
    <message>
        <source>Several of a list</source>
        <translation>Πολλά από λίστα</translation>
    </message>
    <message>
        <source>Request types</source>
        <translation>Είδη αιτήσεων</translation>
    </message>
    <message>
        <source>&amp;New type</source>
        <translation>&amp;Νέο είδος</translation>
    </message>
    <message>
        <source>e.g. residence (letters a–z, digits, _; cannot change later)</source>
        <translation>π.χ. residence (λατινικά a–z, ψηφία, _· δεν αλλάζει αργότερα)</translation>
    </message>
    <message>
        <source>Certificate or attestation</source>
        <translation>Πιστοποιητικό ή βεβαίωση</translation>
    </message>
    <message>
        <source>Programme enrolment</source>
        <translation>Εγγραφή σε πρόγραμμα</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ημέρες</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: always open</source>
        <translation>ΕΕΕΕ-ΜΜ-ΗΗ, κενό: πάντα ανοιχτό</translation>
    </message>
    <message>
        <source>Citizens can &amp;apply</source>
        <translation>Οι πολίτες μπορούν να &amp;υποβάλουν αίτηση</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Κωδικός:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Είδος:</translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation>Όνομα (&amp;ελληνικά):</translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation>Όνομα (α&amp;γγλικά):</translation>
    </message>
    <message>
        <source>Description (Greek):</source>
        <translation>Περιγραφή (ελληνικά):</translation>
    </message>
    <message>
        <source>Description (English):</source>
        <translation>Περιγραφή (αγγλικά):</translation>
    </message>
    <message>
        <source>Handling &amp;department:</source>
        <translation>Αρμόδιο &amp;τμήμα:</translation>
    </message>
    <message>
        <source>Legal &amp;deadline:</source>
        <translation>Νόμιμη &amp;προθεσμία:</translation>
    </message>
    <message>
        <source>Fee (Greek):</source>
        <translation>Τέλος (ελληνικά):</translation>
    </message>
    <message>
        <source>Fee (English):</source>
        <translation>Τέλος (αγγλικά):</translation>
    </message>
    <message>
        <source>Enrolment opens on:</source>
        <translation>Οι εγγραφές ανοίγουν:</translation>
    </message>
    <message>
        <source>Enrolment closes on:</source>
        <translation>Οι εγγραφές κλείνουν:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Γενικά</translation>
    </message>
    <message>
        <source>The questions of the web form, in this order. A list&apos;s values: one per entry, separated by “;”, each as “Greek | English”.</source>
        <translation>Οι ερωτήσεις της φόρμας, με αυτή τη σειρά. Οι τιμές μιας λίστας: χωρισμένες με «;», η καθεμία ως «Ελληνικά | English».</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Κωδικός</translation>
    </message>
    <message>
        <source>Question (Greek)</source>
        <translation>Ερώτηση (ελληνικά)</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>Ερώτηση (αγγλικά)</translation>
    </message>
    <message>
        <source>Answer type</source>
        <translation>Είδος απάντησης</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Υποχρεωτικό</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Τιμές</translation>
    </message>
    <message>
        <source>Help (Greek)</source>
        <translation>Βοήθεια (ελληνικά)</translation>
    </message>
    <message>
        <source>Add a &amp;question</source>
        <translation>Προσθήκη &amp;ερώτησης</translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation>Αφαίρεση της επιλεγμένης ερώτησης</translation>
    </message>
    <message>
        <source>Form fields</source>
        <translation>Πεδία φόρμας</translation>
    </message>
    <message>
        <source>The documents the applicant uploads with the request (PDF, JPEG or PNG).</source>
        <translation>Τα δικαιολογητικά που ανεβάζει ο αιτών με την αίτηση (PDF, JPEG ή PNG).</translation>
    </message>
    <message>
        <source>Document (Greek)</source>
        <translation>Δικαιολογητικό (ελληνικά)</translation>
    </message>
    <message>
        <source>Document (English)</source>
        <translation>Δικαιολογητικό (αγγλικά)</translation>
    </message>
    <message>
        <source>Add a d&amp;ocument</source>
        <translation>Προσθήκη &amp;δικαιολογητικού</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Αφαίρεση του επιλεγμένου δικαιολογητικού</translation>
    </message>
    <message>
        <source>Supporting documents</source>
        <translation>Δικαιολογητικά</translation>
    </message>
    <message>
        <source>The text of the issued document, in Greek. Paragraphs are separated by an empty line. Values: {{applicant.full_name}}, {{applicant.father_name}}, {{applicant.mother_name}}, {{applicant.birth_date}}, {{applicant.afm}}, {{applicant.amka}}, {{applicant.address}}, {{fields.&lt;code&gt;}}, {{municipality}}, {{department}}, {{protocol.incoming}}, {{protocol.outgoing}}, {{today}}.</source>
        <translation>Το κείμενο του εγγράφου που εκδίδεται, στα ελληνικά. Οι παράγραφοι χωρίζονται με κενή γραμμή. Τιμές: {{applicant.full_name}}, {{applicant.father_name}}, {{applicant.mother_name}}, {{applicant.birth_date}}, {{applicant.afm}}, {{applicant.amka}}, {{applicant.address}}, {{fields.&lt;code&gt;}}, {{municipality}}, {{department}}, {{protocol.incoming}}, {{protocol.outgoing}}, {{today}}.</translation>
    </message>
    <message>
        <source>Title (Greek):</source>
        <translation>Τίτλος (ελληνικά):</translation>
    </message>
    <message>
        <source>Title (English):</source>
        <translation>Τίτλος (αγγλικά):</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Κείμενο:</translation>
    </message>
    <message>
        <source>Answer document</source>
        <translation>Έγγραφο απάντησης</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Αποθήκευση</translation>
    </message>
    <message>
        <source>Saved. Citizens see the change on the web form at once.</source>
        <translation>Αποθηκεύτηκε. Οι πολίτες βλέπουν την αλλαγή στη φόρμα αμέσως.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Δεν αποθηκεύτηκε: %1</translation>
    </message>
    <message>
        <source>The request types could not be loaded: %1</source>
        <translation>Τα είδη αιτήσεων δεν φορτώθηκαν: %1</translation>
    </message>
    <message>
        <source> (not offered)</source>
        <translation> (δεν προσφέρεται)</translation>
    </message>
    <message>
        <source>A new request type: fill in at least the code, the names and the department.</source>
        <translation>Νέο είδος αίτησης: συμπληρώστε τουλάχιστον τον κωδικό, τα ονόματα και το τμήμα.</translation>
    </message>
    <message>
        <source>Fill in the code and the Greek name first.</source>
        <translation>Συμπληρώστε πρώτα τον κωδικό και το ελληνικό όνομα.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Αποθήκευση…</translation>
    </message>
</context>
<context>
    <name>dimos::RequestView</name>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Επώνυμο</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation>Πατρώνυμο</translation>
    </message>
    <message>
        <source>Mother&apos;s name</source>
        <translation>Μητρώνυμο</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Ημερομηνία γέννησης</translation>
    </message>
    <message>
        <source>Tax number (ΑΦΜ)</source>
        <translation>ΑΦΜ</translation>
    </message>
    <message>
        <source>Social security number (ΑΜΚΑ)</source>
        <translation>ΑΜΚΑ</translation>
    </message>
    <message>
        <source>Identity card</source>
        <translation>Αρ. ταυτότητας</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Διεύθυνση</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Τηλέφωνο</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Υποβλήθηκε</translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation>Ανάληψη</translation>
    </message>
    <message>
        <source>Documents asked for</source>
        <translation>Ζητήθηκαν δικαιολογητικά</translation>
    </message>
    <message>
        <source>Documents added</source>
        <translation>Προστέθηκαν δικαιολογητικά</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Εκδόθηκε</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Απορρίφθηκε</translation>
    </message>
    <message>
        <source>Withdrawn by the applicant</source>
        <translation>Ανακλήθηκε από τον αιτούντα</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Σημείωση</translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation>&amp;Ανάληψη</translation>
    </message>
    <message>
        <source>Take this request: you handle it from now on</source>
        <translation>Αναλάβετε την αίτηση: τη χειρίζεστε εσείς από εδώ και πέρα</translation>
    </message>
    <message>
        <source>As&amp;k for documents…</source>
        <translation>&amp;Ζήτηση δικαιολογητικών…</translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation>Έ&amp;κδοση…</translation>
    </message>
    <message>
        <source>Approve: the answer PDF is generated with an outgoing protocol number and sent to the applicant</source>
        <translation>Έγκριση: το PDF της απάντησης δημιουργείται με αριθμό εξερχόμενου πρωτοκόλλου και στέλνεται στον αιτούντα</translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation>Α&amp;πόρριψη…</translation>
    </message>
    <message>
        <source>Show the &amp;answer</source>
        <translation>Εμφάνιση της α&amp;πάντησης</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Αιτών</translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation>Τι ζητείται</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Δικαιολογητικά</translation>
    </message>
    <message>
        <source>Supporting documents: select one to view it</source>
        <translation>Δικαιολογητικά: επιλέξτε ένα για να το δείτε</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Ιστορικό</translation>
    </message>
    <message>
        <source>Select a document to view it.</source>
        <translation>Επιλέξτε ένα δικαιολογητικό για να το δείτε.</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>Αποθήκευση &amp;αντιγράφου…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Someone else changed this request meanwhile; it was reloaded. Look again and retry.</source>
        <translation>Κάποιος άλλος άλλαξε την αίτηση στο μεταξύ· φορτώθηκε ξανά. Ελέγξτε την και δοκιμάστε πάλι.</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>Ο διακομιστής αρνήθηκε: %1</translation>
    </message>
    <message>
        <source>The request could not be loaded: %1</source>
        <translation>Η αίτηση δεν φορτώθηκε: %1</translation>
    </message>
    <message>
        <source>No request selected</source>
        <translation>Δεν έχει επιλεγεί αίτηση</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Κατάσταση: %1</translation>
    </message>
    <message>
        <source>Deadline: %1 (%2)</source>
        <translation>Προθεσμία: %1 (%2)</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>Τμήμα: %1</translation>
    </message>
    <message>
        <source>Handled by: %1</source>
        <translation>Χειριστής: %1</translation>
    </message>
    <message>
        <source>Not claimed yet</source>
        <translation>Δεν την έχει αναλάβει κανείς</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Απάντηση: %1</translation>
    </message>
    <message>
        <source>Verification code: %1</source>
        <translation>Κωδικός επαλήθευσης: %1</translation>
    </message>
    <message>
        <source>Asked for: %1</source>
        <translation>Ζητήθηκαν: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Αιτιολογία: %1</translation>
    </message>
    <message>
        <source>No form fields.</source>
        <translation>Χωρίς πεδία φόρμας.</translation>
    </message>
    <message>
        <source>Received %1 · SHA-256 %2</source>
        <translation>Παραλήφθηκε %1 · SHA-256 %2</translation>
    </message>
    <message>
        <source>Loading the document…</source>
        <translation>Φόρτωση του εγγράφου…</translation>
    </message>
    <message>
        <source>This PDF cannot be shown (%1). Save a copy and open it in another program.</source>
        <translation>Αυτό το PDF δεν εμφανίζεται (%1). Αποθηκεύστε αντίγραφο και ανοίξτε το με άλλο πρόγραμμα.</translation>
    </message>
    <message>
        <source>This file cannot be shown. Save a copy and open it in another program.</source>
        <translation>Αυτό το αρχείο δεν εμφανίζεται. Αποθηκεύστε αντίγραφο και ανοίξτε το με άλλο πρόγραμμα.</translation>
    </message>
    <message>
        <source>The document could not be loaded: %1</source>
        <translation>Το έγγραφο δεν φορτώθηκε: %1</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Αποθήκευση αντιγράφου</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Δεν ήταν δυνατή η εγγραφή του %1: %2</translation>
    </message>
    <message>
        <source>Ask for documents</source>
        <translation>Ζήτηση δικαιολογητικών</translation>
    </message>
    <message>
        <source>What should the applicant send? They get this text by e-mail and upload to the same request.</source>
        <translation>Τι πρέπει να στείλει ο αιτών; Λαμβάνει αυτό το κείμενο με e-mail και ανεβάζει στην ίδια αίτηση.</translation>
    </message>
    <message>
        <source>Write what the applicant should send.</source>
        <translation>Γράψτε τι πρέπει να στείλει ο αιτών.</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Έκδοση</translation>
    </message>
    <message>
        <source>Issue the answer to %1? It takes an outgoing protocol number, and the applicant gets the PDF at once.</source>
        <translation>Να εκδοθεί η απάντηση προς %1; Παίρνει αριθμό εξερχόμενου πρωτοκόλλου και ο αιτών λαμβάνει αμέσως το PDF.</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Απόρριψη</translation>
    </message>
    <message>
        <source>Why is the request rejected? The applicant reads this reason.</source>
        <translation>Γιατί απορρίπτεται η αίτηση; Ο αιτών διαβάζει αυτή την αιτιολογία.</translation>
    </message>
    <message>
        <source>A rejection needs a reason.</source>
        <translation>Η απόρριψη χρειάζεται αιτιολογία.</translation>
    </message>
</context>
<context>
    <name>dimos::RoutingRulesDialog</name>
    <message>
        <source>Routing rules</source>
        <translation>Κανόνες δρομολόγησης</translation>
    </message>
    <message>
        <source>Where a new report goes. A rule for an area wins over a rule for the whole municipality; among equals, the lower order. Without a rule a report goes to its category&apos;s department.</source>
        <translation>Πού πηγαίνει μια νέα αναφορά. Ο κανόνας για μια περιοχή υπερισχύει του κανόνα για όλο τον δήμο· μεταξύ ισοδύναμων, η μικρότερη σειρά. Χωρίς κανόνα η αναφορά πηγαίνει στην υπηρεσία της κατηγορίας της.</translation>
    </message>
    <message>
        <source>&amp;New rule</source>
        <translation>&amp;Νέος κανόνας</translation>
    </message>
    <message>
        <source>Anywhere in the municipality</source>
        <translation>Οπουδήποτε στον δήμο</translation>
    </message>
    <message>
        <source>The category&apos;s department</source>
        <translation>Η υπηρεσία της κατηγορίας</translation>
    </message>
    <message>
        <source>&amp;Active</source>
        <translation>&amp;Ενεργός</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Κατηγορία:</translation>
    </message>
    <message>
        <source>GIS &amp;layer:</source>
        <translation>&amp;Επίπεδο GIS:</translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation>&amp;Περιοχή:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Υπηρεσία:</translation>
    </message>
    <message>
        <source>C&amp;lerk:</source>
        <translation>Υπά&amp;λληλος:</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Σειρά:</translation>
    </message>
    <message>
        <source>&amp;Delete rule</source>
        <translation>&amp;Διαγραφή κανόνα</translation>
    </message>
    <message>
        <source>anywhere</source>
        <translation>οπουδήποτε</translation>
    </message>
    <message>
        <source>%1, %2 → %3</source>
        <translation>%1, %2 → %3</translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation>%1 (ανενεργός)</translation>
    </message>
    <message>
        <source>Nobody: the department&apos;s queue</source>
        <translation>Κανείς: η ουρά της υπηρεσίας</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Δεν αποθηκεύτηκε: %1</translation>
    </message>
    <message>
        <source>Saved. New reports follow the rule from now on.</source>
        <translation>Αποθηκεύτηκε. Οι νέες αναφορές ακολουθούν τον κανόνα από τώρα.</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>Δεν διαγράφηκε: %1</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Διαγράφηκε.</translation>
    </message>
</context>
<context>
    <name>dimos::ScheduleDialog</name>
    <message>
        <source>No expected date</source>
        <translation>Χωρίς αναμενόμενη ημερομηνία</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>Αναμενόμενη ολοκλήρωση</translation>
    </message>
    <message>
        <source>Expected by:</source>
        <translation>Αναμένεται έως:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Αποθήκευση</translation>
    </message>
</context>
<context>
    <name>dimos::StaffUsersDialog</name>
    <message>
        <source>Staff users</source>
        <translation>Χρήστες προσωπικού</translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation>&amp;Νέος χρήστης</translation>
    </message>
    <message>
        <source>e.g. m.papadopoulou (cannot change later)</source>
        <translation>π.χ. m.papadopoulou (δεν αλλάζει αργότερα)</translation>
    </message>
    <message>
        <source>Clerk: the reports of their departments</source>
        <translation>Υπάλληλος: οι αναφορές των υπηρεσιών του</translation>
    </message>
    <message>
        <source>Manager: also moves reports between departments</source>
        <translation>Προϊστάμενος: μεταφέρει και αναφορές μεταξύ υπηρεσιών</translation>
    </message>
    <message>
        <source>Administrator: everything, including this window</source>
        <translation>Διαχειριστής: τα πάντα, και αυτό το παράθυρο</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Υπηρεσίες</translation>
    </message>
    <message>
        <source>&amp;Active (switched off: cannot sign in, sessions end at once)</source>
        <translation>&amp;Ενεργός (ανενεργός: δεν συνδέεται, οι συνδέσεις του λήγουν αμέσως)</translation>
    </message>
    <message>
        <source>at least 10 characters; the user changes it</source>
        <translation>τουλάχιστον 10 χαρακτήρες· ο χρήστης τον αλλάζει</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Όνομα &amp;χρήστη:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Ονοματεπώνυμο:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Ρόλος:</translation>
    </message>
    <message>
        <source>&amp;Departments:</source>
        <translation>&amp;Υπηρεσίες:</translation>
    </message>
    <message>
        <source>First &amp;password:</source>
        <translation>Αρχικός &amp;κωδικός:</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Νέος κωδικός</translation>
    </message>
    <message>
        <source>empty: the server makes one up</source>
        <translation>κενό: τον φτιάχνει ο διακομιστής</translation>
    </message>
    <message>
        <source>Re&amp;set password</source>
        <translation>Ορι&amp;σμός νέου κωδικού</translation>
    </message>
    <message>
        <source>the new password is shown here once</source>
        <translation>ο νέος κωδικός εμφανίζεται εδώ μία φορά</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>Νέος κωδικός:</translation>
    </message>
    <message>
        <source>Give it to the user:</source>
        <translation>Δώστε τον στον χρήστη:</translation>
    </message>
    <message>
        <source>%1 — inactive</source>
        <translation>%1 — ανενεργή</translation>
    </message>
    <message>
        <source>Password not changed: %1</source>
        <translation>Ο κωδικός δεν άλλαξε: %1</translation>
    </message>
    <message>
        <source>The password was changed and the user&apos;s sessions ended. It is shown only now: give it to the user, who will be asked to choose their own.</source>
        <translation>Ο κωδικός άλλαξε και οι συνδέσεις του χρήστη έληξαν. Εμφανίζεται μόνο τώρα: δώστε τον στον χρήστη, που θα κληθεί να ορίσει δικό του.</translation>
    </message>
</context>
<context>
    <name>dimos::StatusDialog</name>
    <message>
        <source>Public note: the citizen sees it and gets it by email</source>
        <translation>Δημόσια σημείωση: ο πολίτης τη βλέπει και τη λαμβάνει με email</translation>
    </message>
    <message numerus="yes">
        <source>Change status of %n reports</source>
        <translation>
            <numerusform>Αλλαγή κατάστασης %n αναφοράς</numerusform>
            <numerusform>Αλλαγή κατάστασης %n αναφορών</numerusform>
        </translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Αλλαγή κατάστασης</translation>
    </message>
    <message>
        <source>What was done, or why (required when rejecting)</source>
        <translation>Τι έγινε ή γιατί (υποχρεωτικό σε απόρριψη)</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>Νέα &amp;κατάσταση:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Σημείωση:</translation>
    </message>
    <message>
        <source>Ready &amp;answer:</source>
        <translation>Έτοιμη &amp;απάντηση:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Dimos desktop app for municipal staff</source>
        <translation>Εφαρμογή Dimos για το προσωπικό του δήμου</translation>
    </message>
    <message>
        <source>The server&apos;s address.</source>
        <translation>Η διεύθυνση του διακομιστή.</translation>
    </message>
    <message>
        <source>The username to sign in with.</source>
        <translation>Το όνομα χρήστη για τη σύνδεση.</translation>
    </message>
</context>
</TS>
