<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ModelFile</name>
    <message>
        <source>%1: unknown association option &apos;%2&apos; (known: %3)</source>
        <translation>%1: unbekannte Assoziationsoption „%2“ (bekannt: %3)</translation>
    </message>
    <message>
        <source>Cannot read the model file %1: %2</source>
        <translation>Die Modelldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The model file %1 is not valid JSON: %2 at offset %3</source>
        <translation>Die Modelldatei %1 ist kein gültiges JSON: %2 an Position %3</translation>
    </message>
    <message>
        <source>The model file %1 must hold a JSON object with &quot;models&quot;</source>
        <translation>Die Modelldatei %1 muss ein JSON-Objekt mit „models“ enthalten</translation>
    </message>
    <message>
        <source>model definitions</source>
        <translation>Modelldefinitionen</translation>
    </message>
    <message>
        <source>%1: &quot;models&quot; must be a list or an object of model definitions</source>
        <translation>%1: „models“ muss eine Liste oder ein Objekt von Modelldefinitionen sein</translation>
    </message>
    <message>
        <source>%1: a model without a &quot;name&quot;</source>
        <translation>%1: ein Modell ohne „name“</translation>
    </message>
    <message>
        <source>%1: model %2: %3</source>
        <translation>%1: Modell %2: %3</translation>
    </message>
    <message>
        <source>%1: association %2 (%3.%4 %5)</source>
        <translation>%1: Assoziation %2 (%3.%4 %5)</translation>
    </message>
    <message>
        <source>the kind must be hasOne, belongsTo, hasMany or belongsToMany</source>
        <translation>die Art muss hasOne, belongsTo, hasMany oder belongsToMany sein</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo data resource %1 is missing</source>
        <translation>Die Ressource mit den Demodaten %1 fehlt</translation>
    </message>
    <message>
        <source>The demo data is not valid JSON: %1</source>
        <translation>Die Demodaten sind kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Junction model %1 (table %2)</source>
        <translation>Verknüpfungsmodell %1 (Tabelle %2)</translation>
    </message>
    <message>
        <source>Model %1 (table %2)</source>
        <translation>Modell %1 (Tabelle %2)</translation>
    </message>
    <message>
        <source>, paranoid</source>
        <translation>, paranoid</translation>
    </message>
    <message>
        <source>Cannot read table %1: %2</source>
        <translation>Tabelle %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot define a model for table %1: %2</source>
        <translation>Für die Tabelle %1 kann kein Modell definiert werden: %2</translation>
    </message>
    <message>
        <source>Cannot define the associations of %1: %2</source>
        <translation>Die Assoziationen von %1 können nicht definiert werden: %2</translation>
    </message>
    <message>
        <source>%1: the foreign key (%2) to %3 has several columns; it is not an association</source>
        <translation>%1: der Fremdschlüssel (%2) auf %3 hat mehrere Spalten; er ist keine Assoziation</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse the models, relations and records of a Quarry database.</source>
        <translation>Modelle, Beziehungen und Datensätze einer Quarry-Datenbank durchsuchen.</translation>
    </message>
    <message>
        <source>Use a throwaway in-memory demo database.</source>
        <translation>Eine temporäre Demodatenbank im Arbeitsspeicher verwenden.</translation>
    </message>
    <message>
        <source>Open the database at URL (sqlite:FILE, postgres://..., mariadb://...); its models are introspected.</source>
        <translation>Die Datenbank unter URL öffnen (sqlite:DATEI, postgres://..., mariadb://...); ihre Modelle werden aus dem Schema gelesen.</translation>
    </message>
    <message>
        <source>Render the window to FILE.png and exit.</source>
        <translation>Das Fenster in DATEI.png zeichnen und beenden.</translation>
    </message>
    <message>
        <source>Select this model at start.</source>
        <translation>Dieses Modell beim Start auswählen.</translation>
    </message>
    <message>
        <source>Quarry model browser</source>
        <translation>Quarry-Modellbrowser</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1</source>
        <translation>Das Bildschirmfoto %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The database file %1 does not exist.</source>
        <translation>Die Datenbankdatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>Cannot read the database file %1: %2</source>
        <translation>Die Datenbankdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The file %1 is not an SQLite database, or it is corrupt.</source>
        <translation>Die Datei %1 ist keine SQLite-Datenbank oder sie ist beschädigt.</translation>
    </message>
    <message>
        <source>Define the models from the JSON file FILE instead of introspecting.</source>
        <translation>Die Modelle aus der JSON-Datei DATEI definieren, statt das Schema zu lesen.</translation>
    </message>
    <message>
        <source>Interface language: de, zh_CN or en (default: the system locale).</source>
        <translation>Sprache der Oberfläche: de, zh_CN oder en (Standard: die Systemsprache).</translation>
    </message>
    <message>
        <source>No translation for the language %1; using English.</source>
        <translation>Keine Übersetzung für die Sprache %1; Englisch wird verwendet.</translation>
    </message>
    <message>
        <source>Cannot connect to the database: %1</source>
        <translation>Keine Verbindung zur Datenbank möglich: %1</translation>
    </message>
    <message>
        <source>Cannot define the models: %1</source>
        <translation>Die Modelle können nicht definiert werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the database: %1</source>
        <translation>Die Datenbank kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>quarry::browser::BelongsToManyChecklist</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 %2 no longer exists</source>
        <translation>%1 %2 existiert nicht mehr</translation>
    </message>
    <message>
        <source>Search %1 by text or #key…</source>
        <translation>%1 nach Text oder #Schlüssel durchsuchen…</translation>
    </message>
    <message>
        <source>Lists the %1 records whose text contains this (searched in the database). Linked records and the rows you changed stay listed.</source>
        <translation>Listet die %1-Datensätze, deren Text dies enthält (Suche in der Datenbank). Verknüpfte Datensätze und die von Ihnen geänderten Zeilen bleiben aufgeführt.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Cannot read the links to %1: %2</source>
        <translation>Die Verknüpfungen zu %1 können nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n record(s) are listed: search to find the others.</source>
        <translation>
            <numerusform>Nur der erste Datensatz ist aufgeführt: Suchen Sie, um die anderen zu finden.</numerusform>
            <numerusform>Nur die ersten %n Datensätze sind aufgeführt: Suchen Sie, um die anderen zu finden.</numerusform>
        </translation>
    </message>
    <message>
        <source>No %1 matches “%2”.</source>
        <translation>Kein %1 passt zu „%2“.</translation>
    </message>
    <message>
        <source>Linked now</source>
        <translation>Jetzt verknüpft</translation>
    </message>
</context>
<context>
    <name>quarry::browser::BelongsToPicker</name>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Lists the %1 records whose text contains this, or #key (searched in the database)</source>
        <translation>Listet die %1-Datensätze, deren Text dies enthält, oder #Schlüssel (Suche in der Datenbank)</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n record(s) are listed: search to find the others.</source>
        <translation>
            <numerusform>Nur der erste Datensatz ist aufgeführt: Suchen Sie, um die anderen zu finden.</numerusform>
            <numerusform>Nur die ersten %n Datensätze sind aufgeführt: Suchen Sie, um die anderen zu finden.</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 (not found)</source>
        <translation>#%1 (nicht gefunden)</translation>
    </message>
</context>
<context>
    <name>quarry::browser::DiagramView</name>
    <message>
        <source>%1 via %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>ER diagram: Ctrl+wheel zooms, drag pans, click a box to select its model</source>
        <translation>ER-Diagramm: Strg+Mausrad zoomt, Ziehen verschiebt, ein Klick auf einen Kasten wählt sein Modell</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n model(s)…</source>
        <translation>
            <numerusform>%n Modell wird angeordnet…</numerusform>
            <numerusform>%n Modelle werden angeordnet…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Quarry ER diagram</source>
        <translation>Quarry-ER-Diagramm</translation>
    </message>
</context>
<context>
    <name>quarry::browser::FieldEditor</name>
    <message>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <source>Store no value (NULL) in %1</source>
        <translation>Keinen Wert (NULL) in %1 speichern</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Not a whole number: %1</source>
        <translation>Keine ganze Zahl: %1</translation>
    </message>
</context>
<context>
    <name>quarry::browser::FieldEditorFactory</name>
    <message>
        <source>generated when saved</source>
        <translation>wird beim Speichern erzeugt</translation>
    </message>
    <message>
        <source>JSON, e.g. {&quot;key&quot;: 1}</source>
        <translation>JSON, z. B. {&quot;key&quot;: 1}</translation>
    </message>
    <message>
        <source>(binary data: not editable in the browser)</source>
        <translation>(Binärdaten: im Browser nicht bearbeitbar)</translation>
    </message>
    <message numerus="yes">
        <source>(binary data, %n byte(s))</source>
        <translation>
            <numerusform>(Binärdaten, %n Byte)</numerusform>
            <numerusform>(Binärdaten, %n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no data)</source>
        <translation>(keine Daten)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
</context>
<context>
    <name>quarry::browser::FilterBuilder</name>
    <message>
        <source>all of these conditions (AND)</source>
        <translation>alle diese Bedingungen (UND)</translation>
    </message>
    <message>
        <source>any of these conditions (OR)</source>
        <translation>eine dieser Bedingungen (ODER)</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>Filter anwenden</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Show rows matching</source>
        <translation>Zeilen anzeigen, die erfüllen:</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>or</source>
        <translation>oder</translation>
    </message>
    <message>
        <source>= (eq)</source>
        <translation>= (eq)</translation>
    </message>
    <message>
        <source>≠ (ne)</source>
        <translation>≠ (ne)</translation>
    </message>
    <message>
        <source>&gt; (gt)</source>
        <translation>&gt; (gt)</translation>
    </message>
    <message>
        <source>≥ (gte)</source>
        <translation>≥ (gte)</translation>
    </message>
    <message>
        <source>&lt; (lt)</source>
        <translation>&lt; (lt)</translation>
    </message>
    <message>
        <source>≤ (lte)</source>
        <translation>≤ (lte)</translation>
    </message>
    <message>
        <source>like (% and _ wildcards)</source>
        <translation>like (Platzhalter % und _)</translation>
    </message>
    <message>
        <source>not like</source>
        <translation>not like (passt nicht zum Muster)</translation>
    </message>
    <message>
        <source>like, ignoring case (iLike)</source>
        <translation>like, ohne Groß-/Kleinschreibung (iLike)</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>beginnt mit</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>endet mit</translation>
    </message>
    <message>
        <source>contains (substring)</source>
        <translation>enthält (Teilzeichenkette)</translation>
    </message>
    <message>
        <source>is one of (in)</source>
        <translation>ist einer von (in)</translation>
    </message>
    <message>
        <source>is none of (notIn)</source>
        <translation>ist keiner von (notIn)</translation>
    </message>
    <message>
        <source>between</source>
        <translation>zwischen</translation>
    </message>
    <message>
        <source>is null</source>
        <translation>ist NULL</translation>
    </message>
    <message>
        <source>is not null</source>
        <translation>ist nicht NULL</translation>
    </message>
    <message>
        <source>where</source>
        <translation>wobei</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Diese Bedingung entfernen</translation>
    </message>
    <message>
        <source>upper bound</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>Werte, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>pattern, e.g. %abc%</source>
        <translation>Muster, z. B. %abc%</translation>
    </message>
    <message>
        <source>lower bound</source>
        <translation>Untergrenze</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>YYYY-MM-DD hh:mm:ss</source>
        <translation>JJJJ-MM-TT hh:mm:ss</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message>
        <source>Choose a field</source>
        <translation>Ein Feld wählen</translation>
    </message>
    <message>
        <source>“%1” is not a valid %2 value for %3</source>
        <translation>„%1“ ist kein gültiger %2-Wert für %3</translation>
    </message>
    <message>
        <source>Give at least one value for %1</source>
        <translation>Mindestens einen Wert für %1 angeben</translation>
    </message>
</context>
<context>
    <name>quarry::browser::IncludeTreeWidget</name>
    <message>
        <source>%1 #%2 %3</source>
        <translation>%1 #%2 %3</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Einbeziehen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Tick the associations to load with the record; expand one to include its own associations</source>
        <translation>Die Assoziationen ankreuzen, die mit dem Datensatz geladen werden; eine aufklappen, um deren eigene Assoziationen einzubeziehen</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Junction attributes</source>
        <translation>Attribute der Verknüpfung</translation>
    </message>
    <message>
        <source>Double-click a related record to jump to it</source>
        <translation>Doppelklick auf einen verknüpften Datensatz springt zu ihm</translation>
    </message>
    <message>
        <source>Select a record to see its associations.</source>
        <translation>Einen Datensatz auswählen, um seine Assoziationen zu sehen.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Include for %1 #%2</source>
        <translation>Einbeziehen für %1 #%2</translation>
    </message>
    <message>
        <source>%1 #%2 no longer exists.</source>
        <translation>%1 #%2 existiert nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; with %n included association(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; mit %n einbezogenen Assoziation</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; mit %n einbezogenen Assoziationen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the associations: %1</source>
        <translation>Die Assoziationen können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Attributes of the %1 row that links the two records</source>
        <translation>Attribute der %1-Zeile, die die beiden Datensätze verknüpft</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Loading the included records…</source>
        <translation>Die eingebundenen Datensätze werden geladen…</translation>
    </message>
    <message>
        <source>Loading the associations of %1 #%2…</source>
        <translation>Die Assoziationen von %1 #%2 werden geladen…</translation>
    </message>
    <message>
        <source>the database is closing</source>
        <translation>die Datenbank wird geschlossen</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n related records are listed here; the records pane shows them all</source>
        <translation>
            <numerusform>Hier ist nur der erste zugehörige Datensatz aufgeführt; der Datensatzbereich zeigt alle</numerusform>
            <numerusform>Hier sind nur die ersten %n zugehörigen Datensätze aufgeführt; der Datensatzbereich zeigt alle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quarry::browser::MainWindow</name>
    <message>
        <source>Quarry model browser — %1</source>
        <translation>Quarry-Modellbrowser — %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>SQL log</source>
        <translation>SQL-Protokoll</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Einbeziehen</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>Wird angeordnet…</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n model(s) with Graphviz dot</source>
        <translation>
            <numerusform>%n Modell wird mit Graphviz dot angeordnet</numerusform>
            <numerusform>%n Modelle werden mit Graphviz dot angeordnet</numerusform>
        </translation>
    </message>
    <message>
        <source>Include tree</source>
        <translation>Einbeziehungsbaum</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) on %1 (%2)</source>
        <translation>
            <numerusform>%n Modell auf %1 (%2)</numerusform>
            <numerusform>%n Modelle auf %1 (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export diagram…</source>
        <translation>Diagramm &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>&amp;Navigation</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Back to the previous record (Alt+Left)</source>
        <translation>Zurück zum vorigen Datensatz (Alt+Links)</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>Forward to the next record (Alt+Right)</source>
        <translation>Vorwärts zum nächsten Datensatz (Alt+Rechts)</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>D&amp;iagramm</translation>
    </message>
    <message>
        <source>&amp;Collapse junctions</source>
        <translation>Verknüpfungen &amp;zusammenfassen</translation>
    </message>
    <message>
        <source>Draw each junction table as a single N–M edge</source>
        <translation>Jede Verknüpfungstabelle als eine einzige N–M-Kante zeichnen</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Clear SQL log</source>
        <translation>SQL-Protokoll leeren</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Select model %1</source>
        <translation>Modell %1 auswählen</translation>
    </message>
    <message>
        <source>Select %1 #%2</source>
        <translation>%1 #%2 auswählen</translation>
    </message>
    <message>
        <source>Go to %1 #%2</source>
        <translation>Zu %1 #%2 gehen</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>SVG image (*.svg);;PNG image (*.png)</source>
        <translation>SVG-Bild (*.svg);;PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Diagram exported to %1</source>
        <translation>Diagramm nach %1 exportiert</translation>
    </message>
    <message>
        <source>%1 #%2 is not among the rows shown (filter or soft delete)</source>
        <translation>%1 #%2 ist nicht unter den angezeigten Zeilen (Filter oder vorläufig gelöscht)</translation>
    </message>
</context>
<context>
    <name>quarry::browser::ModelTreeWidget</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>primary key, auto-increment</source>
        <translation>Primärschlüssel, automatisch hochgezählt</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>foreign key → %1.%2 (on delete %3)</source>
        <translation>Fremdschlüssel → %1.%2 (beim Löschen %3)</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>eindeutig</translation>
    </message>
    <message>
        <source>unique (%1)</source>
        <translation>eindeutig (%1)</translation>
    </message>
    <message>
        <source>not null</source>
        <translation>nicht NULL</translation>
    </message>
    <message>
        <source>default %1</source>
        <translation>Standard %1</translation>
    </message>
    <message>
        <source>default NOW</source>
        <translation>Standard NOW</translation>
    </message>
    <message>
        <source>default UUIDV4</source>
        <translation>Standard UUIDV4</translation>
    </message>
    <message>
        <source>validators: %1</source>
        <translation>Validatoren: %1</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>junction, table %1</source>
        <translation>Verknüpfung, Tabelle %1</translation>
    </message>
    <message>
        <source>table %1</source>
        <translation>Tabelle %1</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n Feld</numerusform>
            <numerusform>%n Felder</numerusform>
        </translation>
    </message>
    <message>
        <source>Associations</source>
        <translation>Assoziationen</translation>
    </message>
    <message numerus="yes">
        <source>%n association(s)</source>
        <translation>
            <numerusform>%n Assoziation</numerusform>
            <numerusform>%n Assoziationen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>foreign key</source>
        <translation>Fremdschlüssel</translation>
    </message>
    <message>
        <source>other key</source>
        <translation>anderer Schlüssel</translation>
    </message>
    <message>
        <source>junction</source>
        <translation>Verknüpfung</translation>
    </message>
    <message>
        <source>%1 (automatic)</source>
        <translation>%1 (automatisch)</translation>
    </message>
    <message>
        <source>referential actions</source>
        <translation>referenzielle Aktionen</translation>
    </message>
    <message>
        <source>on delete %1, on update %2</source>
        <translation>beim Löschen %1, beim Ändern %2</translation>
    </message>
    <message>
        <source>accessors</source>
        <translation>Zugriffsmethoden</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>tableName</source>
        <translation>tableName</translation>
    </message>
    <message>
        <source>timestamps</source>
        <translation>timestamps</translation>
    </message>
    <message>
        <source>paranoid</source>
        <translation>paranoid</translation>
    </message>
    <message>
        <source>underscored</source>
        <translation>underscored</translation>
    </message>
    <message>
        <source>freezeTableName</source>
        <translation>freezeTableName</translation>
    </message>
    <message>
        <source>defined</source>
        <translation>definiert</translation>
    </message>
    <message>
        <source>at run time</source>
        <translation>zur Laufzeit</translation>
    </message>
    <message>
        <source>C++ class</source>
        <translation>C++-Klasse</translation>
    </message>
    <message>
        <source>inverse</source>
        <translation>Gegenstück</translation>
    </message>
    <message>
        <source>Referenced by</source>
        <translation>Referenziert von</translation>
    </message>
</context>
<context>
    <name>quarry::browser::RecordForm</name>
    <message>
        <source>New %1</source>
        <translation>Neu: %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>may be NULL</source>
        <translation>darf NULL sein</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Validators: %1</source>
        <translation>Validatoren: %1</translation>
    </message>
    <message>
        <source>References %1.%2</source>
        <translation>Verweist auf %1.%2</translation>
    </message>
    <message>
        <source>%1 — belongsToMany %2 through %3</source>
        <translation>%1 — belongsToMany %2 über %3</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>Mit * markierte Felder sind erforderlich.</translation>
    </message>
    <message>
        <source>Still loading the lists of related records; try again in a moment.</source>
        <translation>Die Listen der verknüpften Datensätze werden noch geladen; bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>Some fields are not valid; see the messages at the fields.</source>
        <translation>Einige Felder sind ungültig; siehe die Meldungen an den Feldern.</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2: %3</translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>Ungültig: %1</translation>
    </message>
    <message>
        <source>The database refused the record</source>
        <translation>Die Datenbank hat den Datensatz abgelehnt</translation>
    </message>
    <message>
        <source>Another record already has this value</source>
        <translation>Ein anderer Datensatz hat bereits diesen Wert</translation>
    </message>
    <message>
        <source>A referenced record does not exist, or other records still refer to this one</source>
        <translation>Ein referenzierter Datensatz existiert nicht, oder andere Datensätze verweisen noch auf diesen</translation>
    </message>
    <message>
        <source>A required value is missing</source>
        <translation>Ein erforderlicher Wert fehlt</translation>
    </message>
    <message>
        <source>%1 (%2).
%3</source>
        <translation>%1 (%2).
%3</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>quarry::browser::RecordsModel</name>
    <message>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falsch</translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s))</source>
        <translation>
            <numerusform>(%n Byte)</numerusform>
            <numerusform>(%n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (soft-deleted)</source>
        <translation>%1 (vorläufig gelöscht)</translation>
    </message>
    <message>
        <source>%1 ✕</source>
        <translation>%1 ✕</translation>
    </message>
</context>
<context>
    <name>quarry::browser::RecordsView</name>
    <message>
        <source>Show deleted</source>
        <translation>Gelöschte anzeigen</translation>
    </message>
    <message>
        <source>Soft delete</source>
        <translation>Vorläufig löschen</translation>
    </message>
    <message>
        <source>Set deletedAt on the selected rows (paranoid models)</source>
        <translation>deletedAt in den ausgewählten Zeilen setzen (paranoide Modelle)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Clear deletedAt on the selected rows</source>
        <translation>deletedAt in den ausgewählten Zeilen leeren</translation>
    </message>
    <message>
        <source>Delete permanently…</source>
        <translation>Endgültig löschen…</translation>
    </message>
    <message>
        <source>DELETE the selected rows from the table</source>
        <translation>Die ausgewählten Zeilen aus der Tabelle löschen (DELETE)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read with paranoid: false, and mark the soft-deleted rows</source>
        <translation>Mit paranoid: false lesen und die vorläufig gelöschten Zeilen markieren</translation>
    </message>
    <message>
        <source>%1 — table %2</source>
        <translation>%1 — Tabelle %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) soft-deleted</source>
        <translation>
            <numerusform>%n Zeile vorläufig gelöscht</numerusform>
            <numerusform>%n Zeilen vorläufig gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) restored</source>
        <translation>
            <numerusform>%n Zeile wiederhergestellt</numerusform>
            <numerusform>%n Zeilen wiederhergestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• deletes %n row(s) of %1 (%2 ON DELETE CASCADE)</source>
        <translation>
            <numerusform>• löscht %n Zeile von %1 (%2 ON DELETE CASCADE)</numerusform>
            <numerusform>• löscht %n Zeilen von %1 (%2 ON DELETE CASCADE)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• unlinks %n row(s) of %1 (%2 set to NULL)</source>
        <translation>
            <numerusform>• löst %n Zeile von %1 (%2 wird NULL)</numerusform>
            <numerusform>• löst %n Zeilen von %1 (%2 wird NULL)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n row(s) of %1 refer to it (%2 ON DELETE %3): the delete may be refused</source>
        <translation>
            <numerusform>• %n Zeile von %1 verweist darauf (%2 ON DELETE %3): das Löschen kann abgelehnt werden</numerusform>
            <numerusform>• %n Zeilen von %1 verweisen darauf (%2 ON DELETE %3): das Löschen kann abgelehnt werden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s) of %1 permanently? This cannot be undone.</source>
        <translation>
            <numerusform>%n Zeile von %1 endgültig löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Zeilen von %1 endgültig löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The foreign keys will also:</source>
        <translation>Die Fremdschlüssel bewirken außerdem:</translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) deleted permanently</source>
        <translation>
            <numerusform>%n Zeile endgültig gelöscht</numerusform>
            <numerusform>%n Zeilen endgültig gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>New record…</source>
        <translation>Neuer Datensatz…</translation>
    </message>
    <message>
        <source>Create a record with a form generated from the model</source>
        <translation>Einen Datensatz mit einem aus dem Modell erzeugten Formular anlegen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected record (or double-click a row)</source>
        <translation>Den ausgewählten Datensatz bearbeiten (oder Doppelklick auf eine Zeile)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Show the filter builder: conditions on fields, combined with AND or OR</source>
        <translation>Den Filter-Editor zeigen: Bedingungen auf Feldern, mit UND oder ODER verknüpft</translation>
    </message>
    <message>
        <source>Reading from the database…</source>
        <translation>Wird aus der Datenbank gelesen…</translation>
    </message>
    <message>
        <source>Counting rows…</source>
        <translation>Zeilen werden gezählt…</translation>
    </message>
    <message>
        <source>%1 of %2 row(s) shown (filtered)</source>
        <translation>%1 von %2 Zeile(n) angezeigt (gefiltert)</translation>
    </message>
    <message>
        <source>%1 row(s)</source>
        <translation>%1 Zeile(n)</translation>
    </message>
    <message>
        <source>%1 in memory</source>
        <translation>%1 im Speicher</translation>
    </message>
    <message>
        <source>%1 soft-deleted, hidden</source>
        <translation>%1 vorläufig gelöscht, ausgeblendet</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message>
        <source>%1 %2 created</source>
        <translation>%1 %2 angelegt</translation>
    </message>
    <message>
        <source>%1 %2 saved</source>
        <translation>%1 %2 gespeichert</translation>
    </message>
    <message>
        <source>%1 soft-deleted, shown in grey italics on a pale red background</source>
        <translation>%1 vorläufig gelöscht, grau und kursiv auf blassrotem Hintergrund dargestellt</translation>
    </message>
    <message>
        <source>writing to the database…</source>
        <translation>in die Datenbank wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>quarry::browser::SqlLogWidget</name>
    <message>
        <source>Clicked “%1”</source>
        <translation>„%1“ angeklickt</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>In %1</translation>
    </message>
    <message>
        <source>User action</source>
        <translation>Benutzeraktion</translation>
    </message>
    <message>
        <source>Action / statement</source>
        <translation>Aktion / Anweisung</translation>
    </message>
    <message>
        <source>Bound values</source>
        <translation>Gebundene Werte</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>The SQL the ORM ran, one group per action, the newest on top</source>
        <translation>Das SQL, das das ORM ausgeführt hat, eine Gruppe je Aktion, die neueste oben</translation>
    </message>
    <message>
        <source>Copy statement</source>
        <translation>Anweisung kopieren</translation>
    </message>
    <message>
        <source>Copy action</source>
        <translation>Aktion kopieren</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>bind: %1</source>
        <translation>gebunden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s)</source>
        <translation>
            <numerusform>%n Anweisung</numerusform>
            <numerusform>%n Anweisungen</numerusform>
        </translation>
    </message>
</context>
</TS>
