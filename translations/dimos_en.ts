<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialogs</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskApp</name>
    <message>
        <source>Wrong username or password (or the account is disabled).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network connection.
(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate cannot be trusted, so the connection was not made. Ask your IT department.
(%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins. Try again in %n minute.</numerusform>
            <numerusform>Too many failed sign-ins. Try again in %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes to &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;o to All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::AdminListDialog</name>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::ApiClient</name>
    <message>
        <source>The server sent an answer that cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::AssignDialog</name>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only managers and administrators move reports between departments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clerk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::AuditLogDialog</name>
    <message>
        <source>Opened the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened a supporting document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log of personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every opening of a request, a supporting document or an answer, by staff or by the applicant. Rows are never changed or deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request no.:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File (SHA-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s), newest first</source>
        <translation>
            <numerusform>%n row, newest first</numerusform>
            <numerusform>%n rows, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::CategoriesDialog</name>
    <message>
        <source>Short text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several of a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. fallen_tree (the Open311 service code; cannot change later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem: citizens report in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information: staff publish events, pets, tourism…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short name, e.g. tree; empty: the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>words citizens may search with, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No service level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web reports wait for a &amp;moderator before they are public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active (offered to citizens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description (English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group (English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Icon:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key&amp;words:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling &amp;department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category&apos;s own questions, asked in this order on the web form and in Open311. A list&apos;s values: “key = Greek | English”, separated by “;”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready answers staff pick when they write a public note in this category.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a res&amp;ponse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (information)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The web form and Open311 show it now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::DepartmentsDialog</name>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. roads (letters, digits, - and _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes &amp;reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (inactive)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::DeskApp</name>
    <message>
        <source>Open the cached reports read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved sign-in is no longer valid. Sign in again.</source>
        <translation>Your saved sign-in is no longer valid. Sign in again.</translation>
    </message>
</context>
<context>
    <name>dimos::DuplicateDialog</name>
    <message>
        <source>Mark report %1 as a duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional public note, e.g. &quot;Already reported; we are on it.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of report:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as duplicate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::IdentifyPanel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building factor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum floors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum plot area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum frontage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Land use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decree (ΦΕΚ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the map to see what is there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot say what is here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking at %1, %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer has anything at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) at %1</source>
        <translation>
            <numerusform>%n feature at %1</numerusform>
            <numerusform>%n features at %1</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::InformationView</name>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items in this category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (&amp;Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (E&amp;nglish, optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (English, o&amp;ptional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An &amp;event with a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ends at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A place or address, e.g. Κεντρική Πλατεία</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the &amp;map&apos;s centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;oint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map: move it so that the place is in the middle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add p&amp;hoto…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Subscribers hear of new items by e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn: it is no longer on the public pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(withdrawn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New item in “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item #%1 (withdrawn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos can be added once it is published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may publish only in the information categories of your departments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The point needs a latitude and a longitude in degrees, e.g. 41.0912 and 23.5486.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw it from the public pages and the feed? It cannot be published again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the photo…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::LayerImportDialog</name>
    <message>
        <source>Import GIS layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIS file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIS files (*.zip *.gpkg *.kml *.geojson *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a .zip with a Shapefile, .gpkg, .kml or .geojson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. school-districts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipal units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>School districts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning zones (with building terms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Networks (lines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Municipal boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (the .cpg file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows-1253 (most Greek data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO-8859-7 (ELOT 928)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for Shapefiles: the text encoding of the .dbf file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Greek name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;English name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer needs a code and a Greek name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file: %1 of %2 features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storing the layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported: %n feature(s) in the layer %1.</source>
        <translation>
            <numerusform>Imported: %n feature in the layer %1.</numerusform>
            <numerusform>Imported: %n features in the layer %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not imported; the layers are as they were.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::LayerPanel</name>
    <message>
        <source>Map layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer %1 cannot be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layers cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the layers are loaded once the server answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n feature</numerusform>
            <numerusform>%n features</numerusform>
        </translation>
    </message>
    <message>
        <source>The server has no map layers besides the boundary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Properties…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer %1 was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer %1 was not changed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer %1 was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove the layer “%1” (%n feature(s)) from the server? Maps and the address look-up no longer show it, and routing rules that name its areas stop matching. To have it back, import its file again.</source>
        <translation>
            <numerusform>Remove the layer “%1” (%n feature) from the server? Maps and the address look-up no longer show it, and routing rules that name its areas stop matching. To have it back, import its file again.</numerusform>
            <numerusform>Remove the layer “%1” (%n features) from the server? Maps and the address look-up no longer show it, and routing rules that name its areas stop matching. To have it back, import its file again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::LayerPropertiesDialog</name>
    <message>
        <source>Show it when a map opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour of the layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source and licence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (&amp;English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Line width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point &amp;size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill the areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill &amp;opacity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer needs a Greek name: citizens read it on the web pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::LoginDialog</name>
    <message>
        <source>Keep me signed in on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimos — sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password store (secret service) is available on this computer, so the sign-in cannot be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://dimos.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::MainWindow</name>
    <message>
        <source>Dimos — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report #%1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: number, words, address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only reports filed within this many days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (new, acknowledged, in progress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed (resolved, closed, rejected, duplicate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My department: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public &amp;note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;duplicate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expected date…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;In progress…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Internal note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority: urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Zoom to selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload &amp;everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map &amp;background tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline — read-only, retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connection lost — retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n reports shown</source>
        <translation>
            <numerusform>%1 of %n report shown</numerusform>
            <numerusform>%1 of %n reports shown</numerusform>
        </translation>
    </message>
    <message>
        <source>New report #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report #%1 was changed by someone else while you were working on it. The window now shows its current state: check it and repeat your change if it still applies. Nothing was overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report #%1 was not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Offline — read-only; sign in again to make changes</source>
        <translation>● Offline — read-only; sign in again to make changes</translation>
    </message>
    <message>
        <source>The history cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history and photos cannot be loaded while offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo cannot be saved for viewing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pprove for the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;dact description…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide from the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Moderation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public &amp;information…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requests for certificates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol re&amp;gister…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request types…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests for certificates and programmes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Departments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Staff users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Categories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ro&amp;uting rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;GIS layer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the map to see the layers&apos; features there (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password has been changed. Your other sessions were signed out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::MapWidget</name>
    <message>
        <source>Map tiles unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::NoteDialog</name>
    <message>
        <source>Public: the citizen sees it and gets it by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(write your own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready &amp;answer:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator has set your password. Choose your own before you go on: only you should know it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a new password for your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password you were &amp;given:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters. A few unrelated words make a good password.</source>
        <translation>
            <numerusform>At least %n character. A few unrelated words make a good password.</numerusform>
            <numerusform>At least %n characters. A few unrelated words make a good password.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your current password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The new password must have at least %n characters.</source>
        <translation>
            <numerusform>The new password must have at least %n character.</numerusform>
            <numerusform>The new password must have at least %n characters.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passwords are not the same. Type the new one again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your current password is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again and then change the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts. Try again in %n second.</numerusform>
            <numerusform>Too many attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::ProtocolView</name>
    <message>
        <source>Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidential register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Book and number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject or sender/recipient, e.g. βεβαιωση</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates and text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender / recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the protocol register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2 entries; narrow the search to see the rest, or export them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import numbers from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers given by another protocol system, in the export&apos;s columns; all or nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import protocol numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries imported.</source>
        <translation>
            <numerusform>%n entry imported.</numerusform>
            <numerusform>%n entries imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::RedactDialog</name>
    <message>
        <source>Redact the description of report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. &quot;a neighbour&apos;s name and phone number&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the text the public will see. The old text is not kept anywhere, not even in the history; only the reason is recorded there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::ReportDetailPanel</name>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;h3&gt;%n reports selected&lt;/h3&gt;</source>
        <translation>
            <numerusform>&lt;h3&gt;%n report selected&lt;/h3&gt;</numerusform>
            <numerusform>&lt;h3&gt;%n reports selected&lt;/h3&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h3&gt;No report selected&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions apply to every selected report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a report in the list or on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> of #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not on the map: place it from the address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest public note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter (private)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked as duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for the citizen&apos;s e-mail confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for a moderator (Moderation menu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hidden from the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the photo. Shown to the public.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the photo. Withheld from the public until a moderator shows it (right-click).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withhold from the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show to the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed by the citizen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved for the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden from the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo shown to the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo withheld from the public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description redacted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::ReportTableModel</name>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No location</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::RequestQueueView</name>
    <message>
        <source>&amp;Department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: protocol number, applicant, request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests, the most urgent first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All my departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>dimos::RequestTableModel</name>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue since today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message>
        <source>Legal deadline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::RequestTypesDialog</name>
    <message>
        <source>Short text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Long text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several of a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. residence (letters a–z, digits, _; cannot change later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate or attestation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programme enrolment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD, empty: always open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Citizens can &amp;apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (&amp;Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (E&amp;nglish):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description (English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling &amp;department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal &amp;deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee (English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment opens on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment closes on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The questions of the web form, in this order. A list&apos;s values: one per entry, separated by “;”, each as “Greek | English”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents the applicant uploads with the request (PDF, JPEG or PNG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document (Greek)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a d&amp;ocument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supporting documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text of the issued document, in Greek. Paragraphs are separated by an empty line. Values: {{applicant.full_name}}, {{applicant.father_name}}, {{applicant.mother_name}}, {{applicant.birth_date}}, {{applicant.afm}}, {{applicant.amka}}, {{applicant.address}}, {{fields.&lt;code&gt;}}, {{municipality}}, {{department}}, {{protocol.incoming}}, {{protocol.outgoing}}, {{today}}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (Greek):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Citizens see the change on the web form at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request types could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not offered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new request type: fill in at least the code, the names and the department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the code and the Greek name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::RequestView</name>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Father&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mother&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tax number (ΑΦΜ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Social security number (ΑΜΚΑ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn by the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this request: you handle it from now on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As&amp;k for documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve: the answer PDF is generated with an outgoing protocol number and sent to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supporting documents: select one to view it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a document to view it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this request meanwhile; it was reloaded. Look again and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not claimed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked for: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No form fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 · SHA-256 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PDF cannot be shown (%1). Save a copy and open it in another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be shown. Save a copy and open it in another program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the applicant send? They get this text by e-mail and upload to the same request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write what the applicant should send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue the answer to %1? It takes an outgoing protocol number, and the applicant gets the PDF at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the request rejected? The applicant reads this reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rejection needs a reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::RoutingRulesDialog</name>
    <message>
        <source>Routing rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where a new report goes. A rule for an area wins over a rule for the whole municipality; among equals, the lower order. Without a rule a report goes to its category&apos;s department.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anywhere in the municipality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category&apos;s department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIS &amp;layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lerk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody: the department&apos;s queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. New reports follow the rule from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::ScheduleDialog</name>
    <message>
        <source>No expected date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::StaffUsersDialog</name>
    <message>
        <source>Staff users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. m.papadopoulou (cannot change later)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk: the reports of their departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager: also moves reports between departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator: everything, including this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Active (switched off: cannot sign in, sessions end at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least 10 characters; the user changes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Departments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the server makes one up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new password is shown here once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it to the user:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was changed and the user&apos;s sessions ended. It is shown only now: give it to the user, who will be asked to choose their own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dimos::StatusDialog</name>
    <message>
        <source>Public note: the citizen sees it and gets it by email</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Change status of %n reports</source>
        <translation>
            <numerusform>Change status of %n report</numerusform>
            <numerusform>Change status of %n reports</numerusform>
        </translation>
    </message>
    <message>
        <source>Change status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done, or why (required when rejecting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready &amp;answer:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Dimos desktop app for municipal staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The username to sign in with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
