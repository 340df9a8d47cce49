"""Chinese option help, keyed by the English ``help=`` text it stands for.

``--help`` under ``--lang zh`` (or a zh locale) shows these instead; an option
whose English help is missing here keeps its English (tests/cli/test_zh_ui.py
finds it). A command module may also define ``HELP_ZH`` (English -> Chinese)
for its own options.
"""

from __future__ import annotations

OPTIONS_ZH: dict[str, str] = {
    # root and Typer's own
    "Show the version and exit.": "显示版本号并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的补全脚本，可复制或自行安装。",
    # shared
    "Bundled checklist id or path of a checklist file.": "内置检查表编号，或检查表文件路径。",
    "Branch id (letters, digits, '_' or '-').": "网点编号（字母、数字、'_' 或 '-'）。",
    "UI language: zh or en.": "界面语言：zh 或 en。",
    "Output language: zh or en.": "输出语言：zh 或 en。",
    "Report language: zh or en.": "报告语言：zh 或 en。",
    "Write to this file (default stdout).": "写入此文件（默认：标准输出）。",
    "Replace an existing -o file.": "覆盖已存在的 -o 文件。",
    "Sign the stored result with this Ed25519 private key (see 'branchcheck keys new'; else "
    "$BRANCHCHECK_SIGN_KEY).":
        "用此 Ed25519 私钥为保存的结果签名（见 branchcheck keys new；否则用 "
        "$BRANCHCHECK_SIGN_KEY）。",
    "Stored results (default $BRANCHCHECK_RESULTS or ./branchcheck-results).":
        "已保存结果所在文件夹（默认 $BRANCHCHECK_RESULTS 或 ./branchcheck-results）。",
    "Results folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results).":
        "结果文件夹（否则 $BRANCHCHECK_RESULTS，再否则 ./branchcheck-results）。",
    "Only this branch.": "只看此网点。",
    "Only this checklist id.": "只看此检查表编号。",
    "Output: text or json.": "输出格式：text 或 json。",
    # validate, schema, list, show, new
    "Checklist files or directories (searched for *.yaml, *.yml), or bundled ids.":
        "检查表文件或文件夹（查找 *.yaml、*.yml），或内置检查表编号。",
    "Output: text, json or github.": "输出格式：text、json 或 github。",
    "Treat warnings as errors.": "把警告当作错误。",
    "Refuse files larger than this.": "拒绝大于此字节数的文件。",
    "Worker processes (0 = automatic).": "工作进程数（0 = 自动）。",
    "Skip checking files this user found valid before with the same bytes, schema and "
    "branchcheck (remembered under ~/.cache, HMAC-protected).":
        "跳过本用户以前校验通过、且字节、模式和 branchcheck 版本都相同的文件（记录在 ~/.cache，"
        "有 HMAC 保护）。",
    "Also check every item's 'FILE: quote' source against the files of DIR.":
        "同时用 DIR 中的文件核对每个检查项的“文件: 引文”出处。",
    "checklist, answers, result or org.": "checklist、answers、result 或 org。",
    "Also list checklists under this folder (*.yaml, *.yml; recursive). Repeatable.":
        "同时列出此文件夹下的检查表（*.yaml、*.yml，含子文件夹）；可重复。",
    "UI language: zh or en (default: $BRANCHCHECK_LANG, locale).":
        "界面语言：zh 或 en（默认：$BRANCHCHECK_LANG，再按系统语言）。",
    "Output: text (terminal), md (printable form) or json (model).":
        "输出格式：text（终端）、md（可打印表格）或 json（数据模型）。",
    "Language: zh or en (default: $BRANCHCHECK_LANG, locale).":
        "语言：zh 或 en（默认：$BRANCHCHECK_LANG，再按系统语言）。",
    "Kebab-case id, e.g. daily-opening.": "小写字母加连字符的编号，如 daily-opening。",
    "File to write (default: ID.yaml here); '-' for stdout.":
        "要写入的文件（默认：当前文件夹的 ID.yaml）；'-' 表示标准输出。",
    "Language of the comments: zh or en.": "注释语言：zh 或 en。",
    "Overwrite an existing file.": "覆盖已存在的文件。",
    # score, results, run
    "Answers file (YAML or JSON); - reads stdin.": "答案文件（YAML 或 JSON）；- 表示读标准输入。",
    "Branch id (else the file's 'branch').": "网点编号（否则取文件中的 branch）。",
    "Reviewer (else the file's 'reviewer', else $BRANCHCHECK_REVIEWER).":
        "检查人（否则取文件中的 reviewer，再否则 $BRANCHCHECK_REVIEWER）。",
    "Store under this folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results).":
        "保存到此文件夹（否则 $BRANCHCHECK_RESULTS，再否则 ./branchcheck-results）。",
    "Write the result to exactly this file (never overwritten); - for stdout.":
        "把结果写入此文件（从不覆盖）；- 表示标准输出。",
    "Print the result without storing it.": "只显示结果，不保存。",
    "Show at most N results.": "最多显示 N 个结果。",
    "Reviewer name (else $BRANCHCHECK_REVIEWER, else asked once on a terminal).":
        "检查人姓名（否则 $BRANCHCHECK_REVIEWER，再否则在终端上询问一次）。",
    "Store drafts and results under this folder (else $BRANCHCHECK_RESULTS, else "
    "./branchcheck-results).":
        "草稿和结果保存到此文件夹（否则 $BRANCHCHECK_RESULTS，再否则 ./branchcheck-results）。",
    "Continue the saved draft where it stopped.": "从上次停下的地方继续已保存的草稿。",
    "Discard the saved draft and start again.": "丢弃已保存的草稿，重新开始。",
    "The owner's employee number (工号, e.g. a teller's 柜员号); shown in the ledger and by "
    "show only.": "责任人的工号（例如柜员号）；只在整改台账和 show 中显示。",
    "Organisation directory (YAML or CSV; else $BRANCHCHECK_ORG): a red-line incident is "
    "verified only by the people the units above the outlet name (verifiers).":
        "机构目录（YAML 或 CSV；否则用 $BRANCHCHECK_ORG）：红线事件只能由网点上级机构列出的"
        "复查人（verifiers）复查。",
    "At each failure that opens an action, ask for photos of the problem (file paths; Enter "
    "skips). A failed red line always asks.":
        "每个开立整改项的不通过项都询问问题照片（文件路径；回车跳过）。红线项不通过时总会询问。",
    # grade, ipa
    "The key: an answers file or a stored result file.": "标准答案：答案文件或已保存的结果文件。",
    "Trainees' answers files, or folders of them (*.yaml, *.yml, *.json).":
        "学员的答案文件，或存放它们的文件夹（*.yaml、*.yml、*.json）。",
    "Checklist file or bundled id (else the files' 'checklist' field).":
        "检查表文件或内置编号（否则取文件中的 checklist）。",
    "Output: text, md, json or csv.": "输出格式：text、md、json 或 csv。",
    "Exit 1 if any trainee agrees with the key on less than this share of items: 0.8 or 80%.":
        "任一学员与标准答案的一致率低于此值时退出码为 1：0.8 或 80%。",
    "A stored result file, or a checklist (bundled id or path).":
        "已保存的结果文件，或检查表（内置编号或路径）。",
    "For a result: the checklist it was scored with (else the bundled one of its id).":
        "对结果文件：评分所用的检查表（否则用同编号的内置检查表）。",
    "Analyse items or sections.": "分析检查项（item）或检查类别（section）。",
    "Another root cause: open a further action although the one opened for this case "
    "is not verified yet.": "另一项根源：本投诉已开立的整改项尚未复查销号时，仍另开一项。",
    "Where the quadrants split: mean, median or scale-mid.":
        "象限分界：mean（均值）、median（中位数）或 scale-mid（量表中点）。",
    "Output: text, md, json or html.": "输出格式：text、md、json 或 html。",
    # diff, history, report
    "Older result file.": "较早的结果文件。",
    "Newer result file.": "较新的结果文件。",
    "Compare the newest stored result of this branch with an older one (instead of OLD NEW).":
        "比较此网点最新保存的结果与更早的一次（代替 OLD NEW）。",
    "Checklist id (needed when the branch has results of several checklists).":
        "检查表编号（网点有多个检查表的结果时必填）。",
    "With --branch: compare with the N-th older result (1 = the one before the newest).":
        "与 --branch 同用：与倒数第 N 个较早结果比较（1 = 最新之前的一个）。",
    "Exit 1 when: regression (an item got worse), knockout (a knockout item newly failed) or "
    "drop:N (overall final score fell by more than N points). Repeatable.":
        "以下情况退出码为 1：regression（有检查项变差）、knockout（红线项新不通过）或 "
        "drop:N（总分下降超过 N 分）；可重复。",
    "Only this checklist (default: every checklist the branch has results of).":
        "只看此检查表（默认：该网点有结果的所有检查表）。",
    "Only results finished on or after this day (YYYY-MM-DD).":
        "只看此日（YYYY-MM-DD）及以后完成的结果。",
    "Output: text, json or csv.": "输出格式：text、json 或 csv。",
    "How many most-failed items to list.": "列出不通过次数最多的前几项。",
    "A result file (or use --branch [--checklist] for the newest stored one).":
        "结果文件（或用 --branch [--checklist] 取最新保存的结果）。",
    "Output: md, html, csv or json.": "输出格式：md、html、csv 或 json。",
    "HTML: add a trend of the overall score from stored results of the same branch and "
    "checklist.":
        "HTML：加上同一网点、同一检查表历次结果的总分走势。",
    "Stored results for --branch and --history (default $BRANCHCHECK_RESULTS or "
    "./branchcheck-results).":
        "--branch 和 --history 所用的已保存结果（默认 $BRANCHCHECK_RESULTS 或 "
        "./branchcheck-results）。",
    "Report the newest stored result of this branch.": "报告此网点最新保存的结果。",
    "With --branch: of this checklist (needed when the branch has results of several).":
        "与 --branch 同用：此检查表的结果（网点有多个检查表的结果时必填）。",
    # verify, keys, approve
    "Branch to verify.": "要核验的网点。",
    "Only this checklist id (default: every checklist of the branch).":
        "只核验此检查表（默认：该网点的所有检查表）。",
    "Checklist file or folder to verify results against, besides the bundled ones and "
    "$BRANCHCHECK_CHECKLISTS (repeatable).":
        "除内置检查表和 $BRANCHCHECK_CHECKLISTS 外，用来核验结果的检查表文件或文件夹（可重复）。",
    "Folder of trusted public keys (<signer>.pub).": "受信任公钥所在文件夹（<签名人>.pub）。",
    "Folder for <name>.key (private, mode 0600) and <name>.pub.":
        "存放 <名称>.key（私钥，权限 0600）和 <名称>.pub 的文件夹。",
    "File name of the pair; head office sees it as the signer.":
        "密钥对的文件名；总行看到的签名人即此名称。",
    "A stored result file.": "已保存的结果文件。",
    "Who approves (审核人).": "审核人。",
    "A remark.": "备注。",
    "Results folder holding the branch's log (default: the one the result is stored in).":
        "存放该网点日志的结果文件夹（默认：结果所在的文件夹）。",
    # exercise
    "Folder to write the exercise into.": "写入练习的文件夹。",
    "Folder to write the sample class to.": "写入示例练习的文件夹。",
    "Number of trainees (templates trainee-01, trainee-02, ...).":
        "学员人数（模板名为 trainee-01、trainee-02……）。",
    "Trainees' names, comma-separated (letters, digits, '_', '-', '.').":
        "学员姓名，用逗号分隔（字母、数字、'_'、'-'、'.'）。",
    "Language of the templates: zh or en.": "模板语言：zh 或 en。",
    # network
    "Results folders (<branch>/<checklist>/<stamp>.yaml).":
        "结果文件夹（<网点>/<检查表>/<时间戳>.yaml）。",
    "Warehouse file (else $BRANCHCHECK_WAREHOUSE, else ./branchcheck-network.duckdb).":
        "数据仓库文件（否则 $BRANCHCHECK_WAREHOUSE，再否则 ./branchcheck-network.duckdb）。",
    "Organisation directory, YAML or CSV (else the one given at ingest).":
        "机构目录，YAML 或 CSV（否则用导入时给出的）。",
    "Exit 1 when any file is rejected.": "有文件被拒绝时退出码为 1。",
    "Wait this long for another ingest to finish (default: refuse at once).":
        "等待另一个导入结束的秒数（默认：立即拒绝）。",
    "Worker processes (0 = every core).": "工作进程数（0 = 全部 CPU 核）。",
    "A month, ISO week or quarter (default: the month of the newest result).":
        "月份、ISO 周或季度（默认：最新结果所在月份）。",
    "Only this unit and the units below it.": "只看此机构及其下级机构。",
    "Roll up to this kind of unit (e.g. sub-branch) or depth (0 = top).":
        "汇总到此类机构（如 sub-branch）或层级（0 = 最上层）。",
    "Output format.": "输出格式。",
    "Fewer results than this: flagged, not ranked.": "结果数少于此值：标注，不参与排名。",
    "Cadence for every outlet (instead of the directory's programme).":
        "所有网点统一的检查频次（代替目录中的检查计划）。",
    "Exit 1 when any expected check is missing.": "有应检未检时退出码为 1。",
    "Flag an item failing in at least this share of outlets.":
        "在至少此比例的网点不通过的检查项标为共性问题。",
    "Show N items.": "显示 N 项。",
    # actions
    "Which actions (open includes reopened).": "哪些整改项（open 含重新打开的）。",
    "Only this owner.": "只看此整改责任人。",
    "Action id, e.g. A-3F9C2E1B.": "整改项编号，如 A-3F9C2E1B。",
    "The owner (整改责任人).": "整改责任人。",
    "The due date (整改时限).": "整改时限。",
    "Who is doing this (default: $USER).": "操作人（默认：$USER）。",
    "The note.": "说明。",
    "Photo (JPEG/PNG), PDF or audio file; repeatable.":
        "佐证材料：照片（JPEG/PNG）、PDF 或音频文件；可重复。",
    "A note.": "备注。",
    "Why.": "原因。",
    "The branch.": "网点。",
    "Only actions from checks on or after this date (YYYY-MM-DD).":
        "只看此日（YYYY-MM-DD）及以后的检查产生的整改项。",
    # added by the network, shop, source and report work
    "...and not within the last W earlier waves given by --history (default 1).":
        "……且不在 --history 给出的最近 W 期暗访批次中（默认 1）。",
    "A missed check counts 0 in the period score, or is left out (department setting; else "
    "the directory's, else zero).":
        "漏检在期内得分中计 0 分，或不计入（部门设置；否则用目录中的，再否则计 0 分）。",
    "A photo (JPEG/PNG), PDF or audio file of a failed item's problem, kept with its "
    "corrective action; repeatable.":
        "不通过项问题的照片（JPEG/PNG）、PDF 或音频文件，随整改项保存；可重复。",
    "A scenario (e.g. 开户); repeat to deal several evenly over the visits.":
        "暗访场景（如 开户）；可重复，多个场景平均分配到各次暗访。",
    "A shopper returns to an outlet after at least N days (default 180).":
        "同一神秘人至少间隔 N 天才能再去同一网点（默认 180）。",
    "An earlier wave's assigned plan (repeatable).": "较早一期已分配的暗访计划（可重复）。",
    "An item is a common problem (共性问题) when at least this share of outlets fail it "
    "(department setting; else the directory's, else 0.3).":
        "至少此比例的网点不通过的检查项为共性问题（部门设置；否则用目录中的，再否则 0.3）。",
    "An outlet fails an item when its own failure rate reaches this (department setting; "
    "else the directory's, else 0.2).":
        "网点自身不通过率达到此值即算该网点此项不通过（部门设置；否则用目录中的，再否则 0.2）。",
    "Checklist the shoppers fill in.": "神秘人填写的检查表。",
    "Clusters drawn at least in each stratum (default 3, a department setting).":
        "每层至少抽取的群数（默认 3，部门设置）。",
    "Every column at full width, also when the terminal is narrower.":
        "所有列按完整宽度显示，即使终端更窄。",
    "First day of the wave's window.": "本期暗访时段的第一天。",
    "First day of visits.": "暗访的第一天。",
    "Folder to write the sample files to.": "写入示例文件的文件夹。",
    "Skip re-reading results this user has read before with the same bytes (remembered "
    "under ~/.cache, HMAC-protected; about 10x faster on a long history).":
        "跳过本用户以前读过、字节完全相同的结果（记录在 ~/.cache，有 HMAC 保护；"
        "历史很长时约快 10 倍）。",
    "Last day of the wave's window.": "本期暗访时段的最后一天。",
    "Last day of visits.": "暗访的最后一天。",
    "Memory the query may use, e.g. 500MB, 4GB (default 2GB, a setting).":
        "查询可用的内存，如 500MB、4GB（默认 2GB，可设置）。",
    "Organisation directory (YAML or CSV).": "机构目录（YAML 或 CSV）。",
    "Refuse a result of more rows (default 1000000, a setting).":
        "结果行数超过此值时拒绝（默认 1000000，可设置）。",
    "Seed of every random choice (state it: same seed, same result).":
        "所有随机抽取所用的种子（请注明：种子相同，结果相同）。",
    "Shoppers: id,name,home_units,max_per_day[,available].":
        "神秘人名单：id,name,home_units,max_per_day[,available]。",
    "Skip parsing files whose exact bytes this user verified before (remembered under "
    "~/.cache, HMAC-protected).":
        "跳过本用户以前核验过、字节完全相同的文件（记录在 ~/.cache，有 HMAC 保护）。",
    "Stop the query after this long (default 60 s, a setting).":
        "查询超过此时长即停止（默认 60 秒，可设置）。",
    "Text: also each item's source quote (authors).": "文本：同时显示每个检查项的出处引文（供编写者）。",
    "Text: also the design rationale and the trainer's notes (authors, trainers).":
        "文本：同时显示设计依据和培训师说明（供编写者、培训师）。",
    "The inspecting unit's id (organisation directory), for an independent check.":
        "检查单位的编号（机构目录中的），用于独立检查。",
    "The wave's plan file.": "本期暗访计划文件。",
    "Time slots over the opening hours (default 09:00-11:00,11:00-13:00,13:00-15:00,"
    "15:00-17:00; a department setting).":
        "营业时间内的时段（默认 09:00-11:00,11:00-13:00,13:00-15:00,15:00-17:00；部门设置）。",
    "Unit kind of the clusters (default: an outlet's parent).": "群所属的机构类别（默认：网点的上级）。",
    "Unit kind of the strata (default: two levels above an outlet).":
        "层所属的机构类别（默认：网点往上两级）。",
    "Units under this completion are flagged and ranked after the others (department "
    "setting; else the directory's, else 0.9).":
        "完成率低于此值的机构会被标注并排在其他机构之后（部门设置；否则用目录中的，再否则 0.9）。",
    "Units with fewer checks done are listed, not ranked (department setting; default 0).":
        "已检次数少于此值的机构只列出、不排名（部门设置；默认 0）。",
    "Visits in the wave (the sample size).": "本期暗访次数（样本量）。",
    "Wave name, e.g. 2026H1.": "暗访批次名称，如 2026H1。",
    "Who does the check (检查来源): the outlet itself (self, the default) or an independent "
    "checker. Stored in the result and covered by its signature.":
        "检查来源：网点自查（self，默认）或独立检查方。记入结果并受签名保护。",
    "Who does the check (检查来源): the outlet itself (self, the default; score: else "
    "the answers file's 'source') or an independent checker. Stored in the result and "
    "covered by its signature.":
        "检查来源：网点自查（self，默认；score 否则取答案文件的 source）或独立检查方。"
        "记入结果并受签名保护。",
    "With --composite: a component and its weight, repeatable (default "
    "mystery-shopper=50 branch=30 self=20, a setting).":
        "与 --composite 同用：一个组成部分及其权重，可重复（默认 mystery-shopper=50 branch=30 "
        "self=20，为部门设置）。",
    "Rank on the 网点服务评价, the weighted composite of the sources' period scores (as "
    "'network composite'; weights: --weight).":
        "按网点服务评价排名：各检查来源本期得分的加权综合（同 network composite；权重用 --weight）。",
    "Only checks of this source: self, inspection (sub-branch, branch, head-office), "
    "shopper (mystery-shopper, third-party), independent (all but self), or one source "
    "(default all).":
        "只看此来源的检查：self（自查）、inspection（支行/分行/总行检查）、shopper（神秘人暗访、"
        "第三方）、independent（自查以外的全部），或某一个来源（默认 all，全部）。",
    "A component and its weight, repeatable (default mystery-shopper=50 branch=30 "
    "self=20, a setting).":
        "一个组成部分及其权重，可重复（默认 mystery-shopper=50 branch=30 self=20，为部门设置）。",
    "Working-day calendar file (YAML: holidays, workdays) on top of the official days and "
    "the directory's.":
        "工作日历文件（YAML：holidays、workdays），在法定工作日和目录中的日历之上叠加。",
    "checklist, answers, result, org, wave_plan or shop_mapping.":
        "checklist、answers、result、org、wave_plan 或 shop_mapping。",
    "yaml: the plan file; json/csv/text/md: the list of visits.":
        "yaml：计划文件；json/csv/text/md：暗访清单。",
    "Accountability (问责).": "问责。",
    "Approve a check you did yourself (a one-person outlet); recorded and shown in the ledger.":
        "审核自己做的检查（一人网点）；会被记录并在台账中显示。",
    "Reported on (上报日期).": "上报日期。",
    "Reported to (上报对象), e.g. 支行 / 合规部.": "上报对象，如 支行 / 合规部。",
    "Verify your own fix (a one-person outlet); recorded and shown in the ledger. Never for a "
    "red-line incident.":
        "复查自己的整改（一人网点）；会被记录并在台账中显示。红线事件不适用。",
    "What was done for the customer (客户处置).": "客户处置。",
    "Who is doing this (default: $BRANCHCHECK_REVIEWER, else $USER, else asked).":
        "操作人（默认：$BRANCHCHECK_REVIEWER，否则 $USER，再否则询问）。",
    # complaints, honesty and audit sample
    "Group the visits by unit at --level (default), scenario or time slot.":
        "按 --level 的机构（默认）、场景或时段分组。",
    "Count the visits that waited this long or longer (default 15, a setting).":
        "统计等候达到此分钟数的暗访次数（默认 15，可设置）。",
    "--by reviewer: list reviewers with at least this many item pairs (default 5, a setting).":
        "--by reviewer：列出至少有这么多对检查项的检查人（默认 5，可设置）。",
    "Add the customer's name and contact (off by default).": "加上客户姓名和联系方式（默认不加）。",
    "Category code (see docs).": "投诉类别代码（见文档）。",
    "Clock rules and categories (else $BRANCHCHECK_COMPLAINT_RULES, else the bundled defaults).":
        "时限规则和投诉类别（否则 $BRANCHCHECK_COMPLAINT_RULES，再否则用内置默认值）。",
    "Complaint id, e.g. C-3F9C2E1B.": "投诉编号，如 C-3F9C2E1B。",
    "Complaint rules (ageing buckets, category names).": "投诉规则（账龄分段、类别名称）。",
    "Corrective action id, e.g. A-3F9C2E1B.": "整改项编号，如 A-3F9C2E1B。",
    "Escalate up to this level.": "上报到此层级。",
    "Exit 1 when a listed case is overdue (scheduled jobs).": "列出的投诉中有逾期时退出码为 1（供定时任务使用）。",
    "How it came in.": "投诉渠道。",
    "How it ended (办结情况).": "办结情况。",
    "How near a self-check must be to an independent check to pair them: the same ISO week "
    "(default, a setting) or within DAYS days.":
        "自查与独立检查相距多近才配对：同一 ISO 周（默认，可设置）或相差不超过 DAYS 天。",
    "One row per unit (default), item or reviewer.": "每个机构（默认）、检查项或检查人一行。",
    "One row per unit or per category.": "每个机构或每个投诉类别一行。",
    "Only complaints received on or after this day.": "只看此日及以后受理的投诉。",
    "Only complaints received on or before this day.": "只看此日及以前受理的投诉。",
    "Only if needed; never exported.": "仅在需要时填写；从不导出。",
    "Only this category.": "只看此类别。",
    "Or: the case was sent from outside (e.g. the regulator, the head-office hotline).":
        "或：投诉由外部转来（如监管部门、总行热线）。",
    "Organisation directory: finds the unit at --to above the outlet.":
        "机构目录：用来找出网点上级中 --to 所指的机构。",
    "Outlets to draw (default ceil(sqrt(N)) of the N in scope, a setting).":
        "抽取的网点数（默认为范围内 N 个网点的 ceil(sqrt(N))，可设置）。",
    "Reply promised within N working days (the day of receipt does not count).":
        "承诺在 N 个工作日内答复（受理当天不计）。",
    "Results folder holding the registers (else $BRANCHCHECK_RESULTS, else "
    "./branchcheck-results).":
        "存放投诉台账的结果文件夹（否则 $BRANCHCHECK_RESULTS，再否则 ./branchcheck-results）。",
    "Share drawn at random (default 0.25, never less).": "随机抽取的比例（默认 0.25，不会更少）。",
    "Show the customer's name and contact when recorded.": "显示已登记的客户姓名和联系方式。",
    "The customer's reference in the bank's own system (instead of a name).":
        "客户在本行系统中的编号（代替姓名）。",
    "The member of staff complained about (may not handle the case).":
        "被投诉的员工（不得经办此投诉）。",
    "The new handler.": "新的经办人。",
    "The outlet (faster; needed when ids clash).": "网点（更快；编号重复时必填）。",
    "The outlet that received the complaint.": "受理投诉的网点。",
    "The outlet.": "网点。",
    "The published seed of the draw (e.g. 2026Q4).": "公布的抽样种子（如 2026Q4）。",
    "The root cause (溯源).": "溯源（根本原因）。",
    "The root cause: which service failed (溯源), e.g. 柜员未告知手续费标准.":
        "根本原因：哪一项服务出了问题（溯源），如 柜员未告知手续费标准。",
    "The unit escalated to (else from --org).": "上报到的机构（否则按 --org 查找）。",
    "What happened.": "经过。",
    "What the customer asks for (客户诉求).": "客户诉求。",
    "What was done (for decide: the decision).": "处理情况（对“决定”步骤：所作的决定）。",
    "When it happened (default: now), e.g. 2026-02-13T10:00+08:00.":
        "发生时间（默认：现在），如 2026-02-13T10:00+08:00。",
    "When it was received, with offset, e.g. 2026-02-13T10:00+08:00.":
        "受理时间，带时区，如 2026-02-13T10:00+08:00。",
    "Who approved the extension.": "批准延期的人。",
    "Who records this (default: $BRANCHCHECK_REVIEWER, else $USER, else asked).":
        "登记人（默认：$BRANCHCHECK_REVIEWER，其次 $USER，都没有时询问）。",
    "Who reviews (default: $USER).": "检查人（默认：$USER）。",
    "Why more time is needed.": "需要延期的原因。",
    "Working-day calendar additions/overrides (工作日, 调休).": "工作日历的补充或调整（工作日、调休）。",
    "accept: who handles it (default --by).": "受理：经办人（默认 --by）。",
    "follow-up that reopens: the new reply promise in working days (default: the rules' "
    "reopen_days).":
        "回访后重新打开：新的答复承诺工作日数（默认：规则中的 reopen_days）。",
    "follow-up: the customer's answer; unsatisfied reopens a closed case.":
        "回访：客户的答复；不满意会重新打开已办结的投诉。",
    "open (not closed), overdue, soon (due within the rules' soon_workdays), closed, all.":
        "open（未办结）、overdue（逾期）、soon（规则 soon_workdays 内到期）、closed（已办结）、all（全部）。",
    "受理, or one of the five steps 判断 决定 沟通 确认 跟踪(回访).":
        "受理，或五个步骤之一：判断、决定、沟通、确认、跟踪(回访)。",
    "Replace an earlier export in DIR (only once the new one is complete; a folder holding "
    "anything else is never replaced).":
        "替换 DIR 中先前的导出（新导出完整后才替换；含其他内容的文件夹从不替换）。",
    "The old name of --dir (-o names a file elsewhere).": "--dir 的旧名称（其他命令中 -o 指文件）。",
    "First day of the period, instead of --period (default: the first of the month of "
    "--until).": "统计期的第一天，代替 --period（默认：--until 所在月的 1 日）。",
    "Last day of the period, included (default: the newest result's day).":
        "统计期的最后一天，含当天（默认：最新结果的日期）。",
    "One point a week or a month.": "每周或每月一个点。",
    "The month the sample's checks fall in.": "示例检查所在的月份。",
    # shop import, report and appeals
    "Evidence (its name and SHA-256 are registered; repeatable).":
        "佐证材料（登记其文件名和 SHA-256；可重复）。",
    "Flag a shopper this many points from the others (default 10, a department setting).":
        "神秘人与其他人相差这么多分时标注（默认 10，部门设置）。",
    "Mapping of its columns (docs/shop.md).": "各列的对应关系（见 docs/shop.md）。",
    "Store the rows without problems even when others have some.": "其他行有问题时，仍保存没有问题的行。",
    "The appeal's id (AP-0001).": "申诉编号（AP-0001）。",
    "The appealed item.": "被申诉的检查项。",
    "The checklist file the result was scored with, if not a bundled one.":
        "评分所用的检查表文件（不是内置检查表时）。",
    "The firm's file: .xlsx or .csv.": "第三方提交的文件：.xlsx 或 .csv。",
    "The item's answer once the appeal is upheld.": "申诉成立后该检查项的答案。",
    "The reasons.": "理由。",
    "The results folder (else $BRANCHCHECK_RESULTS, else ./branchcheck-results); its appeals "
    "are registered in DIR/.appeals/.":
        "结果文件夹（否则 $BRANCHCHECK_RESULTS，再否则 ./branchcheck-results）；申诉登记在 "
        "DIR/.appeals/。",
    "The rows and what became of each.": "各行及其处理结果。",
    "The stored mystery-shopper result.": "已保存的神秘人暗访结果。",
    "The wave reported on.": "所报告的暗访批次。",
    "The wave's (assigned) plan: planned and missing visits, units (repeatable).":
        "本期（已分配的）暗访计划：计划和缺少的暗访、机构（可重复）。",
    "Uphold the appeal (with --answer) or reject it.": "申诉成立（配合 --answer）或驳回。",
    "Warn when upheld appeals changed more than this share of scores (default 0.02, a "
    "department setting).":
        "成立的申诉改动的得分超过此比例时警告（默认 0.02，部门设置）。",
    "Who files or decides (kept in the register).": "提出或裁定申诉的人（记入登记）。",
    "Why the outlet appeals.": "网点申诉的理由。",
    "Exit 1 when any file is rejected or held back.": "有文件被拒绝或暂缓导入时退出码为 1。",
    "Organisation directory (YAML or CSV): the outlet's name in the header.":
        "机构目录（YAML 或 CSV）：表头中显示网点名称。",
    "Output format (xlsx needs -o FILE).": "输出格式（xlsx 需要 -o FILE）。",
}
