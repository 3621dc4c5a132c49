<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ModelFile</name>
    <message>
        <source>%1: unknown association option &apos;%2&apos; (known: %3)</source>
        <translation>%1：未知的关联选项“%2”（可用：%3）</translation>
    </message>
    <message>
        <source>Cannot read the model file %1: %2</source>
        <translation>无法读取模型文件 %1：%2</translation>
    </message>
    <message>
        <source>The model file %1 is not valid JSON: %2 at offset %3</source>
        <translation>模型文件 %1 不是有效的 JSON：%2，位置 %3</translation>
    </message>
    <message>
        <source>The model file %1 must hold a JSON object with &quot;models&quot;</source>
        <translation>模型文件 %1 必须包含带有“models”的 JSON 对象</translation>
    </message>
    <message>
        <source>model definitions</source>
        <translation>模型定义</translation>
    </message>
    <message>
        <source>%1: &quot;models&quot; must be a list or an object of model definitions</source>
        <translation>%1：“models”必须是模型定义的列表或对象</translation>
    </message>
    <message>
        <source>%1: a model without a &quot;name&quot;</source>
        <translation>%1：模型缺少“name”</translation>
    </message>
    <message>
        <source>%1: model %2: %3</source>
        <translation>%1：模型 %2：%3</translation>
    </message>
    <message>
        <source>%1: association %2 (%3.%4 %5)</source>
        <translation>%1：关联 %2（%3.%4 %5）</translation>
    </message>
    <message>
        <source>the kind must be hasOne, belongsTo, hasMany or belongsToMany</source>
        <translation>类型必须是 hasOne、belongsTo、hasMany 或 belongsToMany</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The demo data resource %1 is missing</source>
        <translation>缺少演示数据资源 %1</translation>
    </message>
    <message>
        <source>The demo data is not valid JSON: %1</source>
        <translation>演示数据不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Junction model %1 (table %2)</source>
        <translation>连接模型 %1（表 %2）</translation>
    </message>
    <message>
        <source>Model %1 (table %2)</source>
        <translation>模型 %1（表 %2）</translation>
    </message>
    <message>
        <source>, paranoid</source>
        <translation>，软删除</translation>
    </message>
    <message>
        <source>Cannot read table %1: %2</source>
        <translation>无法读取表 %1：%2</translation>
    </message>
    <message>
        <source>Cannot define a model for table %1: %2</source>
        <translation>无法为表 %1 定义模型：%2</translation>
    </message>
    <message>
        <source>Cannot define the associations of %1: %2</source>
        <translation>无法定义 %1 的关联：%2</translation>
    </message>
    <message>
        <source>%1: the foreign key (%2) to %3 has several columns; it is not an association</source>
        <translation>%1：指向 %3 的外键（%2）包含多列，不作为关联</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse the models, relations and records of a Quarry database.</source>
        <translation>浏览 Quarry 数据库的模型、关系和记录。</translation>
    </message>
    <message>
        <source>Use a throwaway in-memory demo database.</source>
        <translation>使用临时的内存演示数据库。</translation>
    </message>
    <message>
        <source>Open the database at URL (sqlite:FILE, postgres://..., mariadb://...); its models are introspected.</source>
        <translation>打开位于 URL 的数据库（sqlite:FILE、postgres://...、mariadb://...），并从模式中读取其模型。</translation>
    </message>
    <message>
        <source>Render the window to FILE.png and exit.</source>
        <translation>将窗口渲染为 FILE.png 并退出。</translation>
    </message>
    <message>
        <source>Select this model at start.</source>
        <translation>启动时选择此模型。</translation>
    </message>
    <message>
        <source>Quarry model browser</source>
        <translation>Quarry 模型浏览器</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1</source>
        <translation>无法写入截图 %1</translation>
    </message>
    <message>
        <source>The database file %1 does not exist.</source>
        <translation>数据库文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>Cannot read the database file %1: %2</source>
        <translation>无法读取数据库文件 %1：%2</translation>
    </message>
    <message>
        <source>The file %1 is not an SQLite database, or it is corrupt.</source>
        <translation>文件 %1 不是 SQLite 数据库，或已损坏。</translation>
    </message>
    <message>
        <source>Define the models from the JSON file FILE instead of introspecting.</source>
        <translation>从 JSON 文件 FILE 定义模型，而不是读取模式。</translation>
    </message>
    <message>
        <source>Interface language: de, zh_CN or en (default: the system locale).</source>
        <translation>界面语言：de、zh_CN 或 en（默认：系统区域设置）。</translation>
    </message>
    <message>
        <source>No translation for the language %1; using English.</source>
        <translation>没有语言 %1 的翻译；使用英语。</translation>
    </message>
    <message>
        <source>Cannot connect to the database: %1</source>
        <translation>无法连接到数据库：%1</translation>
    </message>
    <message>
        <source>Cannot define the models: %1</source>
        <translation>无法定义模型：%1</translation>
    </message>
    <message>
        <source>Cannot read the database: %1</source>
        <translation>无法读取数据库：%1</translation>
    </message>
</context>
<context>
    <name>quarry::browser::BelongsToManyChecklist</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 %2 no longer exists</source>
        <translation>%1 %2 已不存在</translation>
    </message>
    <message>
        <source>Search %1 by text or #key…</source>
        <translation>按文本或 #键 搜索 %1…</translation>
    </message>
    <message>
        <source>Lists the %1 records whose text contains this (searched in the database). Linked records and the rows you changed stay listed.</source>
        <translation>列出文本包含此内容的 %1 记录（在数据库中搜索）。已关联的记录和您更改过的行会保留在列表中。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot read the links to %1: %2</source>
        <translation>无法读取与 %1 的关联：%2</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n record(s) are listed: search to find the others.</source>
        <translation>
            <numerusform>仅列出前 %n 条记录：请搜索以查找其他记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>No %1 matches “%2”.</source>
        <translation>没有与“%2”匹配的 %1。</translation>
    </message>
    <message>
        <source>Linked now</source>
        <translation>现已关联</translation>
    </message>
</context>
<context>
    <name>quarry::browser::BelongsToPicker</name>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Lists the %1 records whose text contains this, or #key (searched in the database)</source>
        <translation>列出文本包含此内容的 %1 记录，或按 #键 查找（在数据库中搜索）</translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n record(s) are listed: search to find the others.</source>
        <translation>
            <numerusform>仅列出前 %n 条记录：请搜索以查找其他记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1 (not found)</source>
        <translation>#%1（未找到）</translation>
    </message>
</context>
<context>
    <name>quarry::browser::DiagramView</name>
    <message>
        <source>%1 via %2</source>
        <translation>%1 经由 %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>ER diagram: Ctrl+wheel zooms, drag pans, click a box to select its model</source>
        <translation>ER 图：Ctrl+滚轮缩放，拖动平移，单击方框选择其模型</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n model(s)…</source>
        <translation>
            <numerusform>正在布局 %n 个模型…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Quarry ER diagram</source>
        <translation>Quarry ER 图</translation>
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
        <translation>在 %1 中不存储值（NULL）</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>Not a whole number: %1</source>
        <translation>不是整数：%1</translation>
    </message>
</context>
<context>
    <name>quarry::browser::FieldEditorFactory</name>
    <message>
        <source>generated when saved</source>
        <translation>保存时生成</translation>
    </message>
    <message>
        <source>JSON, e.g. {&quot;key&quot;: 1}</source>
        <translation>JSON，例如 {&quot;key&quot;: 1}</translation>
    </message>
    <message>
        <source>(binary data: not editable in the browser)</source>
        <translation>（二进制数据：无法在浏览器中编辑）</translation>
    </message>
    <message numerus="yes">
        <source>(binary data, %n byte(s))</source>
        <translation>
            <numerusform>（二进制数据，%n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>(no data)</source>
        <translation>（无数据）</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>quarry::browser::FilterBuilder</name>
    <message>
        <source>all of these conditions (AND)</source>
        <translation>满足所有条件（AND）</translation>
    </message>
    <message>
        <source>any of these conditions (OR)</source>
        <translation>满足任一条件（OR）</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>应用筛选</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show rows matching</source>
        <translation>显示符合以下条件的行</translation>
    </message>
    <message>
        <source>and</source>
        <translation>且</translation>
    </message>
    <message>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <source>= (eq)</source>
        <translation>=（eq）</translation>
    </message>
    <message>
        <source>≠ (ne)</source>
        <translation>≠（ne）</translation>
    </message>
    <message>
        <source>&gt; (gt)</source>
        <translation>&gt;（gt）</translation>
    </message>
    <message>
        <source>≥ (gte)</source>
        <translation>≥（gte）</translation>
    </message>
    <message>
        <source>&lt; (lt)</source>
        <translation>&lt;（lt）</translation>
    </message>
    <message>
        <source>≤ (lte)</source>
        <translation>≤（lte）</translation>
    </message>
    <message>
        <source>like (% and _ wildcards)</source>
        <translation>like（通配符 % 和 _）</translation>
    </message>
    <message>
        <source>not like</source>
        <translation>not like（不匹配模式）</translation>
    </message>
    <message>
        <source>like, ignoring case (iLike)</source>
        <translation>like，忽略大小写（iLike）</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <source>contains (substring)</source>
        <translation>包含（子字符串）</translation>
    </message>
    <message>
        <source>is one of (in)</source>
        <translation>是其中之一（in）</translation>
    </message>
    <message>
        <source>is none of (notIn)</source>
        <translation>不是其中任何一个（notIn）</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>is null</source>
        <translation>为 NULL</translation>
    </message>
    <message>
        <source>is not null</source>
        <translation>不为 NULL</translation>
    </message>
    <message>
        <source>where</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>删除此条件</translation>
    </message>
    <message>
        <source>upper bound</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>值，以逗号分隔</translation>
    </message>
    <message>
        <source>pattern, e.g. %abc%</source>
        <translation>模式，例如 %abc%</translation>
    </message>
    <message>
        <source>lower bound</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>YYYY-MM-DD hh:mm:ss</source>
        <translation>YYYY-MM-DD hh:mm:ss</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真</translation>
    </message>
    <message>
        <source>false</source>
        <translation>假</translation>
    </message>
    <message>
        <source>Choose a field</source>
        <translation>选择字段</translation>
    </message>
    <message>
        <source>“%1” is not a valid %2 value for %3</source>
        <translation>“%1”不是 %3 的有效 %2 值</translation>
    </message>
    <message>
        <source>Give at least one value for %1</source>
        <translation>请至少为 %1 提供一个值</translation>
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
        <translation>包含</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tick the associations to load with the record; expand one to include its own associations</source>
        <translation>勾选要随记录一起加载的关联；展开某个关联以包含它自己的关联</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Junction attributes</source>
        <translation>连接表属性</translation>
    </message>
    <message>
        <source>Double-click a related record to jump to it</source>
        <translation>双击相关记录即可跳转到该记录</translation>
    </message>
    <message>
        <source>Select a record to see its associations.</source>
        <translation>选择一条记录以查看其关联。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Include for %1 #%2</source>
        <translation>%1 #%2 的包含查询</translation>
    </message>
    <message>
        <source>%1 #%2 no longer exists.</source>
        <translation>%1 #%2 已不存在。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; with %n included association(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;，包含 %n 个关联</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the associations: %1</source>
        <translation>无法加载关联：%1</translation>
    </message>
    <message>
        <source>Attributes of the %1 row that links the two records</source>
        <translation>连接这两条记录的 %1 行的属性</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Loading the included records…</source>
        <translation>正在加载包含的记录…</translation>
    </message>
    <message>
        <source>Loading the associations of %1 #%2…</source>
        <translation>正在加载 %1 #%2 的关联…</translation>
    </message>
    <message>
        <source>the database is closing</source>
        <translation>数据库正在关闭</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……以及另外 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only the first %n related records are listed here; the records pane shows them all</source>
        <translation>
            <numerusform>此处仅列出前 %n 条相关记录；记录窗格显示全部记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>quarry::browser::MainWindow</name>
    <message>
        <source>Quarry model browser — %1</source>
        <translation>Quarry 模型浏览器 — %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>SQL log</source>
        <translation>SQL 日志</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Laying out…</source>
        <translation>正在布局…</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n model(s) with Graphviz dot</source>
        <translation>
            <numerusform>正在用 Graphviz dot 布局 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>Include tree</source>
        <translation>包含树</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) on %1 (%2)</source>
        <translation>
            <numerusform>%1（%2）上的 %n 个模型</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export diagram…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>导航(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <source>Back to the previous record (Alt+Left)</source>
        <translation>返回上一条记录（Alt+左）</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>Forward to the next record (Alt+Right)</source>
        <translation>前进到下一条记录（Alt+右）</translation>
    </message>
    <message>
        <source>&amp;Diagram</source>
        <translation>图表(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Collapse junctions</source>
        <translation>折叠连接表(&amp;C)</translation>
    </message>
    <message>
        <source>Draw each junction table as a single N–M edge</source>
        <translation>将每个连接表绘制为一条 N–M 边</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Clear SQL log</source>
        <translation>清除 SQL 日志</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Select model %1</source>
        <translation>选择模型 %1</translation>
    </message>
    <message>
        <source>Select %1 #%2</source>
        <translation>选择 %1 #%2</translation>
    </message>
    <message>
        <source>Go to %1 #%2</source>
        <translation>转到 %1 #%2</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>SVG image (*.svg);;PNG image (*.png)</source>
        <translation>SVG 图像 (*.svg);;PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Diagram exported to %1</source>
        <translation>图表已导出到 %1</translation>
    </message>
    <message>
        <source>%1 #%2 is not among the rows shown (filter or soft delete)</source>
        <translation>%1 #%2 不在显示的行中（筛选条件或软删除）</translation>
    </message>
</context>
<context>
    <name>quarry::browser::ModelTreeWidget</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>primary key, auto-increment</source>
        <translation>主键，自动递增</translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>主键</translation>
    </message>
    <message>
        <source>foreign key → %1.%2 (on delete %3)</source>
        <translation>外键 → %1.%2（删除时 %3）</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>unique</source>
        <translation>唯一</translation>
    </message>
    <message>
        <source>unique (%1)</source>
        <translation>唯一（%1）</translation>
    </message>
    <message>
        <source>not null</source>
        <translation>非空</translation>
    </message>
    <message>
        <source>default %1</source>
        <translation>默认 %1</translation>
    </message>
    <message>
        <source>default NOW</source>
        <translation>默认 NOW</translation>
    </message>
    <message>
        <source>default UUIDV4</source>
        <translation>默认 UUIDV4</translation>
    </message>
    <message>
        <source>validators: %1</source>
        <translation>验证器：%1</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>junction, table %1</source>
        <translation>连接表，表 %1</translation>
    </message>
    <message>
        <source>table %1</source>
        <translation>表 %1</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n 个字段</numerusform>
        </translation>
    </message>
    <message>
        <source>Associations</source>
        <translation>关联</translation>
    </message>
    <message numerus="yes">
        <source>%n association(s)</source>
        <translation>
            <numerusform>%n 个关联</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>alias</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>foreign key</source>
        <translation>外键</translation>
    </message>
    <message>
        <source>other key</source>
        <translation>另一个键</translation>
    </message>
    <message>
        <source>junction</source>
        <translation>连接表</translation>
    </message>
    <message>
        <source>%1 (automatic)</source>
        <translation>%1（自动）</translation>
    </message>
    <message>
        <source>referential actions</source>
        <translation>引用操作</translation>
    </message>
    <message>
        <source>on delete %1, on update %2</source>
        <translation>删除时 %1，更新时 %2</translation>
    </message>
    <message>
        <source>accessors</source>
        <translation>访问方法</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>tableName</source>
        <translation>tableName（表名）</translation>
    </message>
    <message>
        <source>timestamps</source>
        <translation>timestamps（时间戳）</translation>
    </message>
    <message>
        <source>paranoid</source>
        <translation>paranoid（软删除）</translation>
    </message>
    <message>
        <source>underscored</source>
        <translation>underscored（下划线命名）</translation>
    </message>
    <message>
        <source>freezeTableName</source>
        <translation>freezeTableName（固定表名）</translation>
    </message>
    <message>
        <source>defined</source>
        <translation>定义方式</translation>
    </message>
    <message>
        <source>at run time</source>
        <translation>运行时</translation>
    </message>
    <message>
        <source>C++ class</source>
        <translation>C++ 类</translation>
    </message>
    <message>
        <source>inverse</source>
        <translation>反向关联</translation>
    </message>
    <message>
        <source>Referenced by</source>
        <translation>被引用于</translation>
    </message>
</context>
<context>
    <name>quarry::browser::RecordForm</name>
    <message>
        <source>New %1</source>
        <translation>新建 %1</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>may be NULL</source>
        <translation>可为 NULL</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Validators: %1</source>
        <translation>验证器：%1</translation>
    </message>
    <message>
        <source>References %1.%2</source>
        <translation>引用 %1.%2</translation>
    </message>
    <message>
        <source>%1 — belongsToMany %2 through %3</source>
        <translation>%1 — 通过 %3 belongsToMany %2</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>标有 * 的字段为必填项。</translation>
    </message>
    <message>
        <source>Still loading the lists of related records; try again in a moment.</source>
        <translation>仍在加载相关记录列表，请稍后再试。</translation>
    </message>
    <message>
        <source>Some fields are not valid; see the messages at the fields.</source>
        <translation>部分字段无效，请查看字段旁的提示。</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2：%3</translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>The database refused the record</source>
        <translation>数据库拒绝了该记录</translation>
    </message>
    <message>
        <source>Another record already has this value</source>
        <translation>已有其他记录使用此值</translation>
    </message>
    <message>
        <source>A referenced record does not exist, or other records still refer to this one</source>
        <translation>被引用的记录不存在，或仍有其他记录引用此记录</translation>
    </message>
    <message>
        <source>A required value is missing</source>
        <translation>缺少必填值</translation>
    </message>
    <message>
        <source>%1 (%2).
%3</source>
        <translation>%1（%2）。
%3</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
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
        <translation>真</translation>
    </message>
    <message>
        <source>false</source>
        <translation>假</translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s))</source>
        <translation>
            <numerusform>（%n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (soft-deleted)</source>
        <translation>%1（已软删除）</translation>
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
        <translation>显示已删除</translation>
    </message>
    <message>
        <source>Soft delete</source>
        <translation>软删除</translation>
    </message>
    <message>
        <source>Set deletedAt on the selected rows (paranoid models)</source>
        <translation>为所选行设置 deletedAt（软删除模型）</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Clear deletedAt on the selected rows</source>
        <translation>清除所选行的 deletedAt</translation>
    </message>
    <message>
        <source>Delete permanently…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <source>DELETE the selected rows from the table</source>
        <translation>从表中 DELETE 所选行</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read with paranoid: false, and mark the soft-deleted rows</source>
        <translation>以 paranoid: false 读取，并标记已软删除的行</translation>
    </message>
    <message>
        <source>%1 — table %2</source>
        <translation>%1 — 表 %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) soft-deleted</source>
        <translation>
            <numerusform>已软删除 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) restored</source>
        <translation>
            <numerusform>已恢复 %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• deletes %n row(s) of %1 (%2 ON DELETE CASCADE)</source>
        <translation>
            <numerusform>• 删除 %1 的 %n 行（%2 ON DELETE CASCADE）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• unlinks %n row(s) of %1 (%2 set to NULL)</source>
        <translation>
            <numerusform>• 解除 %1 的 %n 行的关联（%2 设为 NULL）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %n row(s) of %1 refer to it (%2 ON DELETE %3): the delete may be refused</source>
        <translation>
            <numerusform>• %1 有 %n 行引用它（%2 ON DELETE %3）：删除可能被拒绝</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n row(s) of %1 permanently? This cannot be undone.</source>
        <translation>
            <numerusform>永久删除 %1 的 %n 行？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <source>The foreign keys will also:</source>
        <translation>外键还将：</translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>永久删除</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) deleted permanently</source>
        <translation>
            <numerusform>已永久删除 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>New record…</source>
        <translation>新建记录…</translation>
    </message>
    <message>
        <source>Create a record with a form generated from the model</source>
        <translation>使用根据模型生成的表单创建记录</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the selected record (or double-click a row)</source>
        <translation>编辑所选记录（或双击一行）</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Show the filter builder: conditions on fields, combined with AND or OR</source>
        <translation>显示筛选生成器：字段条件，用 AND 或 OR 组合</translation>
    </message>
    <message>
        <source>Reading from the database…</source>
        <translation>正在从数据库读取…</translation>
    </message>
    <message>
        <source>Counting rows…</source>
        <translation>正在统计行数…</translation>
    </message>
    <message>
        <source>%1 of %2 row(s) shown (filtered)</source>
        <translation>显示 %2 行中的 %1 行（已筛选）</translation>
    </message>
    <message>
        <source>%1 row(s)</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>%1 in memory</source>
        <translation>内存中 %1 行</translation>
    </message>
    <message>
        <source>%1 soft-deleted, hidden</source>
        <translation>%1 行已软删除，已隐藏</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>%1 %2 created</source>
        <translation>已创建 %1 %2</translation>
    </message>
    <message>
        <source>%1 %2 saved</source>
        <translation>已保存 %1 %2</translation>
    </message>
    <message>
        <source>%1 soft-deleted, shown in grey italics on a pale red background</source>
        <translation>%1 条已软删除，以灰色斜体显示在浅红色背景上</translation>
    </message>
    <message>
        <source>writing to the database…</source>
        <translation>正在写入数据库…</translation>
    </message>
</context>
<context>
    <name>quarry::browser::SqlLogWidget</name>
    <message>
        <source>Clicked “%1”</source>
        <translation>点击了“%1”</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>在 %1 中</translation>
    </message>
    <message>
        <source>User action</source>
        <translation>用户操作</translation>
    </message>
    <message>
        <source>Action / statement</source>
        <translation>操作 / 语句</translation>
    </message>
    <message>
        <source>Bound values</source>
        <translation>绑定值</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>The SQL the ORM ran, one group per action, the newest on top</source>
        <translation>ORM 执行的 SQL，每个操作一组，最新的在最上面</translation>
    </message>
    <message>
        <source>Copy statement</source>
        <translation>复制语句</translation>
    </message>
    <message>
        <source>Copy action</source>
        <translation>复制操作</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>bind: %1</source>
        <translation>绑定：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s)</source>
        <translation>
            <numerusform>%n 条语句</numerusform>
        </translation>
    </message>
</context>
</TS>
