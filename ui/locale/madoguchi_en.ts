<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AddressSection</name>
    <message>
        <location filename="../idou/sections.py" line="146"/>
        <source>例：さくら県みどり町本町2丁目3番4号</source>
        <translation>e.g. さくら県みどり町本町2丁目3番4号</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="149"/>
        <source>例：321-4901</source>
        <translation>e.g. 321-4901</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="173"/>
        <source>住所辞書：{0}</source>
        <translation>Address dictionary: {0}</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="174"/>
        <source>住所コード {0}</source>
        <translation>Address code {0}</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../first_run/pages.py" line="222"/>
        <source>最初の管理者</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="223"/>
        <source>この市区町村の最初の管理者を登録します。初期設定の後、この管理者でサインインします。</source>
        <translation>Register the municipality&apos;s first administrator. After the set-up, sign in as this administrator.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="225"/>
        <source>半角英数字（例: admin）</source>
        <translation>Letters and digits (e.g. admin)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="233"/>
        <source>ユーザID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="235"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="236"/>
        <source>パスワード（確認）</source>
        <translation>Password (again)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="239"/>
        <source>パスワードは{count}文字以上にしてください。他の職員のアカウントは、サインインした後に管理者が作成します。</source>
        <translation>The password needs at least {count} characters. The administrator creates the other staff accounts after signing in.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="253"/>
        <source>ユーザIDは半角英数字（と - _ .）で入力してください</source>
        <translation>Enter the user ID in letters and digits (and - _ .)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="255"/>
        <source>パスワードは{count}文字以上にしてください</source>
        <translation>The password needs at least {count} characters</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="257"/>
        <source>パスワードと確認用のパスワードが一致しません</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../common/approval.py" line="37"/>
        <source>持出しの承認 ― 管理者</source>
        <translation>Approve a carry-out — administrator</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="38"/>
        <source>持出しファイルの作成には管理者の承認が必要です。管理者がサインインしてください</source>
        <translation>Writing a carry-out file needs an administrator&apos;s approval. An administrator, please sign in</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="48"/>
        <source>認証アプリの6桁の数字（設定している場合）</source>
        <translation>The 6 digits of the authenticator app (if set up)</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="50"/>
        <source>管理者のユーザID</source>
        <translation>Administrator&apos;s user ID</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="51"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="52"/>
        <source>ワンタイムパスワード</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="58"/>
        <source>承認する</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../common/approval.py" line="82"/>
        <source>承認できるのは管理者です</source>
        <translation>Only an administrator can approve</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../admin/audit_dialog.py" line="39"/>
        <source>日時</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="39"/>
        <source>端末</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="40"/>
        <source>番号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="40"/>
        <location filename="../admin/audit_dialog.py" line="101"/>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="41"/>
        <location filename="../admin/audit_dialog.py" line="101"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="41"/>
        <source>対象</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="42"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="51"/>
        <source>、</source>
        <comment>separator between the terminals</comment>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="52"/>
        <source>{terminal} {count}件</source>
        <translation>{terminal}: {count}</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="55"/>
        <source>改ざんの疑いがあります（{chains}を検証）:</source>
        <translation>Possible tampering (checked {chains}):</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="58"/>
        <source>改ざんは見つかりません。同期でまだ届いていない記録があります（{chains}を検証）:</source>
        <translation>No tampering found. Some records have not arrived by sync yet (checked {chains}):</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="60"/>
        <source>異常はありません。すべての記録がつながっています（{chains}を検証）</source>
        <translation>All in order: every record links to the one before (checked {chains})</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="75"/>
        <source>操作記録（監査ログ）</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="90"/>
        <source>ユーザID（空欄: 全員）</source>
        <translation>User ID (empty: everyone)</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="93"/>
        <source>操作（例: 交付、サインイン）</source>
        <translation>Action (e.g. 交付, サインイン)</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="94"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="100"/>
        <source>期間</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="100"/>
        <source>〜</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="117"/>
        <source>改ざんの検証</source>
        <translation>Check for tampering</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="119"/>
        <source>CSVで出力…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="130"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="156"/>
        <source>（最初の{limit}件を表示しています。期間を短くしてください）</source>
        <translation> (showing the first {limit}; choose a shorter period)</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="158"/>
        <source>{count}件</source>
        <translation>{count} entries</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="180"/>
        <source>検証しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="187"/>
        <source>操作記録_{start}-{end}.csv</source>
        <translation>audit-log_{start}-{end}.csv</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="189"/>
        <source>操作記録をCSVで出力</source>
        <translation>Export the audit log as CSV</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="196"/>
        <source>ファイルに書き込めませんでした（{error}）</source>
        <translation>Could not write the file ({error})</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="206"/>
        <source>出力しています…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../admin/audit_dialog.py" line="208"/>
        <source>{file} に {count}件を出力しました</source>
        <translation>{count} entries written to {file}</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../common/background.py" line="47"/>
        <source>予期しないエラーが起きました（{kind}: {error}）</source>
        <translation>An unexpected error occurred ({kind}: {error})</translation>
    </message>
</context>
<context>
    <name>BundleDialog</name>
    <message>
        <location filename="../admin/bundle_dialog.py" line="50"/>
        <source>ファイルによる同期（持出し・持込み）</source>
        <translation>Sync by file (carry out, carry in)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="52"/>
        <source>クラウドにもネットワークにも接続できないとき、ほかの端末にない文書をファイル（USBメモリ）で運びます。文書は暗号化されたまま、ファイルには署名が付きます</source>
        <translation>When neither the cloud nor any network can be reached, carry what another terminal lacks on a file (a USB stick). The documents stay encrypted, and the file is signed</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="58"/>
        <source>例: 支所1（空欄: どの端末でも取り込めます）</source>
        <translation>e.g. 支所1 (blank: any terminal may take it in)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="59"/>
        <source>すべての文書（前回の持出し以降の分に限らない）</source>
        <translation>Every document (not only those since the last carry-out)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="63"/>
        <location filename="../admin/bundle_dialog.py" line="83"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="68"/>
        <source>持出しファイルを作成</source>
        <translation>Write carry-out file</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="72"/>
        <source>管理者の承認が必要です（作成するときに求められます）</source>
        <translation>Needs an administrator&apos;s approval (asked for when writing)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="74"/>
        <source>宛先の端末</source>
        <translation>For terminal</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="76"/>
        <source>書き出すファイル</source>
        <translation>File to write</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="78"/>
        <source>持出し（管理者の承認・監査記録あり）</source>
        <translation>Carry out (approved by an administrator, audited)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="88"/>
        <source>取り込む</source>
        <translation>Take in</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="92"/>
        <source>持出しファイル</source>
        <translation>Carry-out file</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="94"/>
        <source>持込み</source>
        <translation>Carry in</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="111"/>
        <source>持出しファイルの保存先</source>
        <translation>Where to save the carry-out file</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="112"/>
        <source>持出しファイル (*{suffix})</source>
        <translation>Carry-out files (*{suffix})</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="117"/>
        <source>取り込む持出しファイル</source>
        <translation>Carry-out file to take in</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="118"/>
        <source>持出しファイル (*{suffix});;すべてのファイル (*)</source>
        <translation>Carry-out files (*{suffix});;All files (*)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="146"/>
        <source>書き出すファイルを選んでください</source>
        <translation>Choose the file to write</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="153"/>
        <source>持出しファイルを書き出しています…</source>
        <translation>Writing the bundle file…</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="159"/>
        <source>端末「{target}」宛て</source>
        <translation>for terminal “{target}”</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="160"/>
        <source>宛先の指定なし</source>
        <translation>for any terminal</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="161"/>
        <source>持出しファイルを作成しました: {file}（{target}、文書 {count} 件）</source>
        <translation>Carry-out file written: {file} ({target}, {count} documents)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="170"/>
        <source>取り込む持出しファイルを選んでください</source>
        <translation>Choose the carry-out file to take in</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="173"/>
        <source>持出しファイルを取り込んでいます…</source>
        <translation>Taking the bundle file in…</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="176"/>
        <source>取り込めません: {reason}（何も変更していません）</source>
        <translation>Cannot take it in: {reason} (nothing was changed)</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="181"/>
        <source>この持出しファイルは {time} に取込み済みです。何も変更していません</source>
        <translation>This carry-out file was taken in at {time}. Nothing was changed</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="184"/>
        <source>端末「{source}」の持出しファイルを取り込みました: 受入 {accepted} 件、取込み済み {duplicates} 件</source>
        <translation>Carry-out file of terminal “{source}” taken in: {accepted} accepted, {duplicates} already here</translation>
    </message>
    <message>
        <location filename="../admin/bundle_dialog.py" line="187"/>
        <source>、隔離 {count} 件（管理者が「要確認・競合・隔離」で確認してください）</source>
        <translation>, {count} quarantined (an administrator checks them under Forks, conflicts, quarantine)</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="23"/>
        <source>本人確認書類の選択誤り</source>
        <translation>Wrong identity document chosen</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="24"/>
        <source>請求内容（種類・記載事項・通数）の誤り</source>
        <translation>Wrong request (kind, items or copies)</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="25"/>
        <source>印刷の失敗（用紙の汚損・紙詰まり）</source>
        <translation>Printing failed (spoiled sheet, paper jam)</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="26"/>
        <source>請求者による請求の取下げ</source>
        <translation>Request withdrawn by the requester</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="27"/>
        <source>取り消した交付は交付履歴に残り、手数料は本日の日計で差し引きます。同じ請求をもう一度交付するときは「再交付…」を使います。</source>
        <translation>A cancelled issue stays in the issue history, and its fee is taken off today's daily totals. To issue the same request again, use “Issue again…”.</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="1"/>
        <source>交付の取消し</source>
        <translation>Cancel an issue</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="43"/>
        <source>{kind}&#x3000;発行番号 {numbers}
交付 {day} {time}&#x3000;{staff}&#x3000;請求者 {requester}&#x3000;手数料 {fee}円</source>
        <translation>{kind}  発行番号 {numbers}
Issued {day} {time}  {staff}  requester: {requester}  fee ¥{fee}</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="53"/>
        <source>選ぶか入力してください</source>
        <translation>Choose or type a reason</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="55"/>
        <source>取消しの理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="64"/>
        <source>取り消す（Enter）</source>
        <translation>Cancel the issue (Enter)</translation>
    </message>
    <message>
        <location filename="../kofu/cancel_dialog.py" line="65"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>CancelSection</name>
    <message>
        <location filename="../idou/sections.py" line="505"/>
        <source>取り消す異動</source>
        <translation>異動 to cancel</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="512"/>
        <source>履歴番号 {0}&#x3000;{1}（処理日 {2}）</source>
        <translation>History no. {0}: {1} (processed {2})</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="514"/>
        <source>転出予定日の前に転出届を取り消します。転出届の前の記載に戻ります。異動日は取消しの届出の日です。</source>
        <translation>Withdraws a 転出届 before its planned day; the record goes back to what it was before the 転出届. The 異動日 is the day the withdrawal is filed.</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="515"/>
        <source>取り消すと、この異動の前の記載に戻ります（転入などの記載は消除になります）。異動日は取り消す異動の異動日です。</source>
        <translation>Cancelling returns the record to what it was before this 異動 (a record made by a move-in or the like is removed). The 異動日 is that of the 異動 cancelled.</translation>
    </message>
</context>
<context>
    <name>ChoicePage</name>
    <message>
        <location filename="../first_run/pages.py" line="64"/>
        <source>窓口の初期設定</source>
        <translation>Setting up Madoguchi</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="65"/>
        <source>この端末にはまだ台帳がありません。どちらかを選んでください。</source>
        <translation>This terminal holds no registry yet. Choose one of the two.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="66"/>
        <source>新しい市区町村の台帳をこの端末に作成する（最初の1台）</source>
        <translation>Create a new municipality&apos;s registry on this terminal (the first terminal)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="67"/>
        <source>クラウドから既存の市区町村に参加する（2台目以降の端末）</source>
        <translation>Join an existing municipality from the cloud (second and further terminals)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="74"/>
        <source>この端末が番号（宛名番号・世帯番号）の払い出し元になり、他の端末の登録コードを発行します。</source>
        <translation>This terminal hands out the numbers (宛名番号, 世帯番号) and issues the enrollment codes of the other terminals.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="77"/>
        <source>クラウドの管理者から、この端末のクラウドユーザとパスワード、管理者端末で発行した登録コードを受け取ってから進んでください。</source>
        <translation>Before going on, get this terminal&apos;s cloud user and password from the cloud administrator, and an enrollment code issued on the administrator&apos;s terminal.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="80"/>
        <source>台帳の保存先: {folder}</source>
        <translation>Registry folder: {folder}</translation>
    </message>
</context>
<context>
    <name>CorrectedSection</name>
    <message>
        <location filename="../idou/sections.py" line="537"/>
        <source>訂正する異動</source>
        <translation>異動 entered wrongly</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="542"/>
        <source>履歴番号 {0}&#x3000;{1}（処理日 {2}）</source>
        <translation>History no. {0}: {1} (processed {2})</translation>
    </message>
</context>
<context>
    <name>CorrectionSection</name>
    <message>
        <location filename="../idou/sections.py" line="449"/>
        <source>修正する項目（{name}&#x3000;宛名番号 {atena}）</source>
        <translation>Items to correct ({name}, resident no. {atena})</translation>
    </message>
</context>
<context>
    <name>DailyDialog</name>
    <message>
        <location filename="../admin/daily_dialog.py" line="1"/>
        <source>無料・減免の区分</source>
        <translation>Fee category</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="41"/>
        <source>点検</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="41"/>
        <source>処理時刻</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="42"/>
        <source>届出期間</source>
        <translation>Notice period</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="42"/>
        <source>対象者</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="43"/>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="43"/>
        <source>端末</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="45"/>
        <source>件数</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="45"/>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="46"/>
        <source>手数料</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="46"/>
        <source>拒否</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="66"/>
        <source>異動一覧・日計</source>
        <translation>Day&apos;s 異動 and totals</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="71"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="77"/>
        <source>選んだ異動を点検済みにする</source>
        <translation>Mark the ticked 異動 as checked</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="90"/>
        <source>PDFで保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="92"/>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="94"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="100"/>
        <location filename="../admin/daily_dialog.py" line="127"/>
        <source>処理日</source>
        <translation>Processing date</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="114"/>
        <source>異動一覧</source>
        <translation>異動 of the day</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="118"/>
        <source>日計（交付）</source>
        <translation>Day&apos;s totals (certificates issued)</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="147"/>
        <source>異動一覧（{date}&#x3000;{count}件、未点検 {unchecked}件、届出期間経過 {late}件）</source>
        <translation>異動 of the day ({date}: {count}, {unchecked} not checked, {late} notified late)</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="153"/>
        <source>未</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="170"/>
        <location filename="../admin/daily_dialog.py" line="173"/>
        <source>{count}件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="171"/>
        <source>{count}通</source>
        <translation>{count}</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="172"/>
        <source>{fee}円</source>
        <translation>¥{fee}</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="192"/>
        <source>点検した異動の「点検」欄にチェックを入れてください</source>
        <translation>Tick the “Checked” column of the 異動 you have checked</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="200"/>
        <source>{count}件を点検済みにしました</source>
        <translation>{count} marked as checked</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="211"/>
        <source>PDFで保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="217"/>
        <source>ファイルに書けませんでした（{error}）</source>
        <translation>Could not write the file ({error})</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="219"/>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="231"/>
        <source>印刷できませんでした（{error}）</source>
        <translation>Could not print ({error})</translation>
    </message>
    <message numerus="yes">
        <source>%n日経過（法52条）</source>
        <translation>
            <numerusform>%n day late (Art. 52)</numerusform>
            <numerusform>%n days late (Art. 52)</numerusform>
        </translation>
    </message>
    <message>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>手数料の合計 {fee}円（{copies}）</source>
        <translation>Fees in total ¥{fee} ({copies})</translation>
    </message>
    <message numerus="yes">
        <source>%n通</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message>
        <source>点検済みにしています…</source>
        <translation>Marking as checked…</translation>
    </message>
    <message>
        <location filename="../admin/daily_dialog.py" line="1"/>
        <source>
取消 {time} {staff}: {kind} {numbers}&#x3000;-{fee}円&#x3000;理由: {reason}</source>
        <translation>
Cancelled {time} {staff}: {kind} {numbers}  -¥{fee}  reason: {reason}</translation>
    </message>
</context>
<context>
    <name>DisasterBanner</name>
    <message>
        <location filename="../shell/disaster_banner.py" line="57"/>
        <source>オフライン：クラウドが設定されていません</source>
        <translation>Offline: no cloud is set up</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="60"/>
        <source>オフライン：{since} から</source>
        <translation>Offline since {since}</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="65"/>
        <location filename="../shell/disaster_banner.py" line="68"/>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="70"/>
        <source>宛先の指定なし</source>
        <translation>for any terminal</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="71"/>
        <source>{file}（{target}、{time}、{count}件）</source>
        <translation>{file} ({target}, {time}, {count} documents)</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="74"/>
        <source>最後にクラウドに接続した日時：{time}</source>
        <translation>Cloud last reached: {time}</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="75"/>
        <source>最後の持出し：{carried}</source>
        <translation>Last carry-out: {carried}</translation>
    </message>
    <message>
        <location filename="../shell/disaster_banner.py" line="76"/>
        <source>窓口の業務はこのまま続けられます。ほかの端末とは「管理 → ファイルによる同期」で持出し・持込みできます</source>
        <translation>Counter work goes on as usual. Exchange with other terminals under Administration → Sync by file</translation>
    </message>
    <message>
        <source>詳しく（{keys}）</source>
        <translation>Details ({keys})</translation>
    </message>
    <message>
        <source>たたむ（{keys}）</source>
        <translation>Fold ({keys})</translation>
    </message>
    <message numerus="yes">
        <source>送信待ち %n 件</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DisasterDialog</name>
    <message>
        <location filename="../admin/disaster_dialog.py" line="67"/>
        <source>被災者台帳・罹災証明書</source>
        <translation>Disaster victims&apos; ledger and 罹災証明書</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="76"/>
        <source>例: 令和8年11月27日の地震</source>
        <translation>e.g. 令和8年11月27日の地震</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="79"/>
        <source>空欄なら世帯の住所</source>
        <translation>Empty: the household&apos;s address</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="85"/>
        <source>①世帯&#x3000;②住家&#x3000;③その他（記載するときだけ）</source>
        <translation>①世帯 ②住家 ③その他 (only when something is to be written)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="90"/>
        <source>記録（Ctrl+Enter）</source>
        <translation>Record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="94"/>
        <source>世帯番号</source>
        <translation>世帯番号</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="95"/>
        <source>住家の被害の程度</source>
        <translation>住家の被害の程度</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="96"/>
        <source>罹災原因</source>
        <translation>罹災原因</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="97"/>
        <source>被災住家の所在地</source>
        <translation>被災住家の所在地</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="98"/>
        <source>調査日</source>
        <translation>Survey date</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="99"/>
        <source>追加記載事項</source>
        <translation>追加記載事項</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="100"/>
        <source>調査者</source>
        <translation>Surveyor</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="102"/>
        <source>被害認定調査の記録</source>
        <translation>Record a damage assessment</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="107"/>
        <source>すべての程度</source>
        <translation>Any damage</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="112"/>
        <source>町字</source>
        <translation>Area (町字)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="115"/>
        <source>罹災原因（一部）</source>
        <translation>Cause (part of)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="116"/>
        <source>要確認のみ</source>
        <translation>To check only</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="118"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="147"/>
        <source>台帳の行を選んで「罹災証明書を発行」（F8）を押すと、ここに表示します</source>
        <translation>Choose a row of the ledger and press “Issue 罹災証明書” (F8) to see it here</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="154"/>
        <source>罹災証明書を発行（F8）</source>
        <translation>Issue 罹災証明書 (F8)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="156"/>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="157"/>
        <source>PDFで保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="159"/>
        <source>CSVで出力…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="161"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="172"/>
        <source>被災者台帳</source>
        <translation>Disaster victims&apos; ledger</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="207"/>
        <source>再調査</source>
        <translation>Re-assessment</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="207"/>
        <source>調査</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="210"/>
        <source>{kind}を記録しました: 世帯番号 {setai}&#x3000;{damage}</source>
        <translation>{kind} recorded: 世帯番号 {setai}, {damage}</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="232"/>
        <source>同時の調査あり（{others}）</source>
        <translation>Concurrent assessments ({others})</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="242"/>
        <source>{count}件（要確認 {flagged}件）</source>
        <translation>{count} ({flagged} to check)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="265"/>
        <source>発行する行を台帳で選んでください</source>
        <translation>Choose the row to issue in the ledger</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="275"/>
        <source>罹災証明書&#x3000;整理番号 {number}&#x3000;{name}&#x3000;{damage}</source>
        <translation>罹災証明書 no. {number}: {name}, {damage}</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="279"/>
        <source>発行しました。内容を確かめて印刷してください（Ctrl+P）</source>
        <translation>Issued. Check it, then print (Ctrl+P)</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/disaster_dialog.py" line="310"/>
        <source>%n枚を印刷に送りました</source>
        <translation>
            <numerusform>%n page sent to the printer</numerusform>
            <numerusform>%n pages sent to the printer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="314"/>
        <source>PDFで保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="328"/>
        <source>{path} に保存しました（ファイル出力として監査ログに記録）</source>
        <translation>Saved to {path} (recorded in the audit log as a file export)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="332"/>
        <source>CSVで出力</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="347"/>
        <source>{path} に出力しました</source>
        <translation>Written to {path}</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="128"/>
        <source>この世帯のみ</source>
        <translation>This household only</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="130"/>
        <source>上の世帯番号の世帯の住家だけを表示します</source>
        <translation>Show only the dwellings of the household numbered above</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="185"/>
        <source>請求者の種別</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="186"/>
        <source>本人等（代理人は委任者）</source>
        <translation>本人等 (for a 代理人: the principal)</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="187"/>
        <source>代理人の氏名・機関名</source>
        <translation>Name of the 代理人 or the office</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="188"/>
        <source>委任状</source>
        <translation>Letter of proxy</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="189"/>
        <source>本人確認の方法</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="190"/>
        <source>罹災証明書の請求</source>
        <translation>Request for a 罹災証明書</translation>
    </message>
    <message>
        <location filename="../admin/disaster_dialog.py" line="358"/>
        <source>{judge}（{role}）の判断により</source>
        <translation>On the judgment of {judge} ({role}): </translation>
    </message>
</context>
<context>
    <name>EtsuranDialog</name>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="68"/>
        <source>閲覧（住民基本台帳の一部の写し）</source>
        <translation>Inspection (閲覧) of the register</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="71"/>
        <source>申出一覧（Alt+1）</source>
        <translation>Requests (Alt+1)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="72"/>
        <source>申出の受付（Alt+2）</source>
        <translation>New request (Alt+2)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="73"/>
        <source>閲覧状況の公表（Alt+3）</source>
        <translation>Yearly publication (Alt+3)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="79"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="111"/>
        <source>拒否の理由（承認のときは備考）</source>
        <translation>Reason for a refusal (a note for an approval)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="112"/>
        <source>承認（F5）</source>
        <translation>Approve (F5)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="113"/>
        <source>拒否（F6）</source>
        <translation>Refuse (F6)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="114"/>
        <source>閲覧用リスト作成（F8）</source>
        <translation>Make the 閲覧用リスト (F8)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="115"/>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="116"/>
        <source>PDFで保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="138"/>
        <source>承認された申出を選んで「閲覧用リスト作成」（F8）を押すと、ここに表示します</source>
        <translation>Choose an approved request and press “Make the 閲覧用リスト” (F8) to see it here</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="157"/>
        <source>（機関の請求では選びません）</source>
        <translation>(not chosen for an office’s request)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="161"/>
        <source>申出者の氏名・名称（機関の名称）</source>
        <translation>Applicant’s name (name of the office)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="161"/>
        <source>住所・所在地</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="162"/>
        <source>代表者又は管理人の氏名（法人）</source>
        <translation>Representative (法人)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="163"/>
        <source>請求事由・事務の内容（機関）</source>
        <translation>Grounds: the affairs (office)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="163"/>
        <source>根拠となる法令（機関）</source>
        <translation>Legal basis (office)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="164"/>
        <source>利用の目的</source>
        <translation>Purpose of use</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="164"/>
        <source>閲覧事項を取り扱う者の範囲</source>
        <translation>Who will handle what is seen</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="165"/>
        <source>閲覧事項の管理の方法</source>
        <translation>How what is seen is kept</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="165"/>
        <source>調査研究の成果の取扱い（調査研究）</source>
        <translation>How the results are published (調査研究)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="166"/>
        <source>町字（「、」で区切る）</source>
        <translation>町字 (separated by 「、」)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="166"/>
        <source>閲覧の年月日</source>
        <translation>Date of inspection</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="176"/>
        <source>1行に1人：氏名／職名（機関）又は住所（個人・法人）</source>
        <translation>One per line: name／title (office) or address (個人・法人)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="181"/>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="185"/>
        <source>歳から</source>
        <translation>years old, to</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="187"/>
        <source>歳まで</source>
        <translation>years old</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="189"/>
        <source>受付（Ctrl+Enter）</source>
        <translation>Record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="194"/>
        <source>請求・申出の別</source>
        <translation>Kind of request</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="197"/>
        <source>利用の区分（法11条の2第1項各号）</source>
        <translation>Purpose class (法11条の2第1項各号)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="199"/>
        <source>閲覧者</source>
        <translation>Readers</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="202"/>
        <source>年齢</source>
        <translation>Ages</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="216"/>
        <source>CSVで出力…</source>
        <translation>Export as CSV…</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="223"/>
        <source>その年に閲覧された承認済みの申出（申出者、利用目的の概要、閲覧の年月日、対象の範囲）を公表します（法11条第3項、法11条の2第12項）</source>
        <translation>Publishes the approved requests inspected in the year (applicant, purpose, date of inspection, range) (法11条第3項, 法11条の2第12項)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="227"/>
        <source>年（西暦）</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="256"/>
        <source>複数の判断・作成</source>
        <translation>Decided or listed twice</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="276"/>
        <source>利用目的の概要：{summary}</source>
        <translation>Purpose: {summary}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="277"/>
        <source>閲覧者：{readers}</source>
        <translation>Readers: {readers}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="279"/>
        <source>根拠となる法令：{basis}</source>
        <translation>Legal basis: {basis}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="281"/>
        <source>{status}：{staff}　{reason}</source>
        <translation>{status}: {staff}  {reason}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="294"/>
        <source>申出を一覧で選んでください</source>
        <translation>Choose a request in the list</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="306"/>
        <source>受付番号 {number} を{status}しました</source>
        <translation>Request {number}: {status}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="323"/>
        <source>閲覧用リスト　受付番号 {number}　{count}人</source>
        <translation>閲覧用リスト  request {number}  {count} persons</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="326"/>
        <source>閲覧用リストを作成しました。印刷（Ctrl+P）するか、PDFで保存してください</source>
        <translation>The 閲覧用リスト is made. Print it (Ctrl+P) or save it as PDF</translation>
    </message>
    <message numerus="yes">
        <location filename="../admin/etsuran_dialog.py" line="349"/>
        <source>%n枚を印刷に送りました</source>
        <translation>
            <numerusform>%n page sent to the printer</numerusform>
            <numerusform>%n pages sent to the printer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="354"/>
        <source>先に閲覧用リストを作成してください（F8）</source>
        <translation>Make the 閲覧用リスト first (F8)</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="356"/>
        <source>PDFで保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="397"/>
        <source>受付番号 {number} で受け付けました。係長の承認を待ちます</source>
        <translation>Recorded as request {number}; it waits for a 係長’s decision</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="403"/>
        <source>閲覧状況の公表</source>
        <translation>Yearly publication of inspections</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="428"/>
        <source>{path} に保存しました</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>閲覧用リストの作成を取り消しました</source>
        <translation>Making the inspection list was cancelled</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>加害者と一致</source>
        <translation>Matches an offender</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>要確認：{names} は支援措置の加害者として登録された者と一致します。承認するときは確認した内容を備考に入力してください</source>
        <translation>To check: {names} matches an offender (加害者) registered in a protection measure (支援措置). To approve, enter what you checked as the note</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>閲覧用リストを作成しています…</source>
        <translation>Making the inspection list…</translation>
    </message>
    <message>
        <location filename="../admin/etsuran_dialog.py" line="1"/>
        <source>作成後に支援措置の対象となった{count}人を除いて出力しました</source>
        <translation>Output without the {count} person(s) placed under protection (支援措置) since the list was made</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../first_run/wizard.py" line="62"/>
        <source>キーリングに書き込めません（{error}）</source>
        <translation>Cannot write to the keyring ({error})</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="65"/>
        <source>キーリングに書いた値を読み戻せません</source>
        <translation>What was written to the keyring cannot be read back</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="261"/>
        <source>窓口 ― 初期設定</source>
        <translation>Madoguchi ― Set-up</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="266"/>
        <source>&lt; 戻る</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="267"/>
        <source>次へ &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="268"/>
        <source>実行</source>
        <translation>Run</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="269"/>
        <source>完了</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="270"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="313"/>
        <source>端末の鍵を作り、台帳を作成しています…</source>
        <translation>Making the terminal key and creating the registry…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="319"/>
        <source>電子公印を設定しています…</source>
        <translation>Setting the electronic seal…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="327"/>
        <source>{town} の台帳をこの端末（{terminal}）に作成しました。「完了」の後、管理者 {user} でサインインしてください。</source>
        <translation>The registry of {town} was created on this terminal ({terminal}). After “Finish”, sign in as the administrator {user}.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="333"/>
        <source>クラウドに接続し、登録コードを確認しています…</source>
        <translation>Connecting to the cloud and checking the enrollment code…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="337"/>
        <source>クラウドから台帳を復元しています（{phase} {count} 件）…</source>
        <translation>Restoring the registry from the cloud ({phase}: {count})…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="342"/>
        <source>{town} に端末「{terminal}」として参加し、クラウドから台帳を復元しました（住民 {residents} 人、除票 {removed} 人）。「完了」の後、管理者から受け取ったユーザIDでサインインしてください。</source>
        <translation>Joined {town} as terminal “{terminal}” and restored the registry from the cloud ({residents} residents, {removed} removed). After “Finish”, sign in with the user ID the administrator gave you.</translation>
    </message>
    <message>
        <source>登録コードで参加を申請しました。管理者の端末で「参加を確認」を行ってもらってください。確認番号 {number}（管理者の画面の番号と同じか確かめてください）</source>
        <translation>The enrollment code is claimed. Ask an administrator to press 「参加を確認」 (confirm) on the administrator's terminal. Check number {number} (make sure it is the number shown there)</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../shell/idle_lock.py" line="20"/>
        <source>一定時間操作がなかったため画面をロックしました。サインインしてください</source>
        <translation>The screen was locked after a period without input. Please sign in.</translation>
    </message>
    <message>
        <location filename="../shell/idle_lock.py" line="22"/>
        <source>サインアウトしました。次の方はサインインしてください</source>
        <translation>Signed out. The next person, please sign in.</translation>
    </message>
    <message>
        <source>窓口 ― ロック中</source>
        <translation>Madoguchi ― Locked</translation>
    </message>
</context>
<context>
    <name>IdouDialog</name>
    <message>
        <location filename="../idou/dialog.py" line="73"/>
        <source>入力した異動はまだ登録されていません。閉じるにはもう一度 Esc を押してください</source>
        <translation>The 異動 entered has not been recorded yet. Press Esc again to close.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="75"/>
        <source>次の内容で登録します。よろしければ「登録」（Enter）、直すときは「戻る」（Esc）を押してください。</source>
        <translation>The following will be recorded. Press “Record” (Enter) if it is right, or “Back” (Esc) to correct it.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="84"/>
        <source>判断して確認へ</source>
        <translation>Judge and go on to confirm</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="370"/>
        <source>{judge}（{role}）の判断により登録します。</source>
        <translation>To be recorded on the judgment of {judge} ({role}). </translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="441"/>
        <source>{reason}を{judge}（{role}）の判断により登録しました。Enter で閉じます。</source>
        <translation>{reason} recorded on the judgment of {judge} ({role}). Press Enter to close.</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="18"/>
        <source>（登録時に付番）</source>
        <translation>(numbered when recorded)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="77"/>
        <source>支援措置の対象者です。加害者からの届出は受け付けません。届出人を本人確認書類で確かめ、新しい住所などを窓口で口にしないでください。</source>
        <translation>This person is under 支援措置 (protection). Notifications from the offender are not accepted. Check the notifier&apos;s identity documents, and do not say the new address or other items aloud at the counter.</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="20"/>
        <source>記載・変更の内容</source>
        <translation>Recorded or changed</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="27"/>
        <source>消除（{reason}&#x3000;{date}）</source>
        <translation>Removed ({reason}, {date})</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="31"/>
        <source>{removal}&#x3000;転出先 {destination}</source>
        <translation>{removal}, moving to {destination}</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="34"/>
        <source>記載（{items}）</source>
        <translation>Recorded ({items})</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="36"/>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="49"/>
        <source>{item}：{old} → {new}</source>
        <translation>{item}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="52"/>
        <source>個人番号を変更</source>
        <translation>個人番号 changed</translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="53"/>
        <source>、</source>
        <comment>separator between the changes</comment>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../common/idou_rows.py" line="53"/>
        <source>変更なし</source>
        <translation>No change</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="248"/>
        <source>異動の登録</source>
        <translation>Record a 異動</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="250"/>
        <source>異動の登録 ― {name}（宛名番号 {atena}）の世帯</source>
        <translation>Record a 異動 ― household of {name} (resident no. {atena})</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="282"/>
        <source>転出証明書の交付（F8）</source>
        <translation>Issue the 転出証明書 (F8)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="392"/>
        <source>住民票コード通知票の印刷（F7）</source>
        <translation>Print the 住民票コード通知票 (F7)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="545"/>
        <source>住民票コード通知票を F7 で印刷し、本人に通知してください。</source>
        <translation>Print the 住民票コード通知票 with F7 and send it to the person.</translation>
    </message>
    <message numerus="yes">
        <location filename="../idou/dialog.py" line="581"/>
        <source>住民票コード通知票 %n枚を印刷に送りました</source>
        <translation>
            <numerusform>%n 住民票コード通知票 page sent to the printer</numerusform>
            <numerusform>%n 住民票コード通知票 pages sent to the printer</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="372"/>
        <source>同一人の確認</source>
        <translation>Same person?</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="373"/>
        <source>除票に同じフリガナ・生年月日の人がいます。

{0}（{1}）
宛名番号 {2}&#x3000;生年月日 {3}
{4}&#x3000;{5}

{6}さんはこの人と同一人ですか？同一人なら元の宛名番号と履歴を続けます。</source>
        <translation>A removed record (除票) has the same フリガナ and birth date.

{0} ({1})
Resident no. {2}, born {3}
{4} {5}

Is {6} the same person? If so, the former resident no. and history continue.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="379"/>
        <source>同一人（元の宛名番号を続ける）</source>
        <translation>Same person (keep the former resident no.)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="380"/>
        <source>別人</source>
        <translation>Another person</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="381"/>
        <source>戻る</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="396"/>
        <source>{reason}を登録しました。Enter でこの世帯を照会します。</source>
        <translation>{reason} recorded. Press Enter to look up this household.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="398"/>
        <source>転出証明書は F8 で交付します。</source>
        <translation> Press F8 to issue the 転出証明書.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="421"/>
        <source>{name}（{relation}）&#x3000;本人確認：{identification}</source>
        <translation>{name} ({relation}), identified by: {identification}</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="443"/>
        <source>確認（Ctrl+Enter）</source>
        <translation>Check (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="443"/>
        <location filename="../idou/dialog.py" line="445"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="444"/>
        <source>登録（Enter）</source>
        <translation>Record (Enter)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="444"/>
        <source>戻る（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="445"/>
        <source>照会（Enter）</source>
        <translation>Look up (Enter)</translation>
    </message>
    <message>
        <source>注意：{0}</source>
        <translation>Note: {0}</translation>
    </message>
    <message>
        <source>{town}　転出予定日 {planned}　転出先 {destination}</source>
        <translation>{town}　planned moving-out date {planned}　destination {destination}</translation>
    </message>
</context>
<context>
    <name>IdouForm</name>
    <message>
        <location filename="../idou/dialog.py" line="71"/>
        <source>照会中の人がいません。転入以外は、対象の人を照会してから F6 を押してください</source>
        <translation>Nobody is being looked up. Except for a move-in, look up the person first, then press F6.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="86"/>
        <source>転入する人</source>
        <translation>Persons moving in</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="88"/>
        <source>住所（新しい世帯）</source>
        <translation>Address (new household)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="90"/>
        <source>国名（例：アメリカ合衆国）</source>
        <translation>Country (e.g. アメリカ合衆国)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="92"/>
        <source>例：東京都千代田区千代田1番1号</source>
        <translation>e.g. 東京都千代田区千代田1番1号</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="100"/>
        <source>転居する人</source>
        <translation>Persons moving</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="102"/>
        <source>世帯の一部だけが転居するときは、その人たちの新しい続柄（世帯主を一人）を入力します。</source>
        <translation>When only part of the household moves, enter their new 続柄 (one 世帯主).</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="104"/>
        <source>新しい住所</source>
        <translation>New address</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="106"/>
        <source>転出する人</source>
        <translation>Persons moving out</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="109"/>
        <source>国名</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="111"/>
        <source>例：東京都港区芝公園4丁目2番8号</source>
        <translation>e.g. 東京都港区芝公園4丁目2番8号</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="114"/>
        <source>新しい続柄</source>
        <translation>New 続柄</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="116"/>
        <source>新しい世帯主の「新しい続柄」を世帯主にし、ほかの人の続柄を新しい世帯主から見た続柄に直します。</source>
        <translation>Set the new head&apos;s “New 続柄” to 世帯主, and the others&apos; 続柄 as seen from the new head.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="119"/>
        <source>分離する人</source>
        <translation>Persons separating</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="121"/>
        <source>新しい世帯に移る人を選び、その新しい続柄（世帯主を一人）を入力します。</source>
        <translation>Choose the persons who move to the new household and enter their new 続柄 (one 世帯主).</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="124"/>
        <source>合併する世帯の人</source>
        <translation>Members of the household merging</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="125"/>
        <source>この世帯の全員が合併先の世帯に入ります。合併先の世帯主から見た続柄を入力します。</source>
        <translation>Everyone in this household joins the other household. Enter each 続柄 as seen from its 世帯主.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="127"/>
        <source>例：0001000004</source>
        <translation>e.g. 0001000004</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="132"/>
        <source>生まれた子（{name}の世帯に入ります）</source>
        <translation>Child born (joins the household of {name})</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="135"/>
        <source>死亡した人</source>
        <translation>Person deceased</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="162"/>
        <source>残る世帯員（新しい世帯主と続柄）</source>
        <translation>Members who remain (new 世帯主 and 続柄)</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="163"/>
        <source>世帯主が死亡するときは、残る世帯員の一人の「新しい続柄」を世帯主にし、ほかの人の続柄を新しい世帯主から見た続柄で入力します。残る世帯員が一人のときはその人が世帯主です。</source>
        <translation>When the 世帯主 dies, make one remaining member&apos;s new 続柄 世帯主 and enter the others&apos; 続柄 as seen from the new 世帯主. A sole remaining member is the 世帯主.</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="174"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../idou/dialog.py" line="178"/>
        <source>異動</source>
        <translation>異動</translation>
    </message>
    <message>
        <source>最後に分かっている住所（「（未届）」が付きます）</source>
        <translation>The last address known (「（未届）」 is added)</translation>
    </message>
    <message>
        <source>対象の人</source>
        <translation>Persons concerned</translation>
    </message>
</context>
<context>
    <name>ImpressionView</name>
    <message>
        <location filename="../inkan/impression_view.py" line="58"/>
        <source>読み取った画像</source>
        <translation>Scanned image</translation>
    </message>
    <message>
        <location filename="../inkan/impression_view.py" line="59"/>
        <source>印影（実寸）</source>
        <translation>Impression (true size)</translation>
    </message>
    <message>
        <location filename="../inkan/impression_view.py" line="86"/>
        <source>印影の画像がありません</source>
        <translation>No impression image</translation>
    </message>
    <message>
        <location filename="../inkan/impression_view.py" line="125"/>
        <source>一辺{side}mmの正方形に収まる大きさです（{smallest}mmを超え{largest}mm以下で登録できます）</source>
        <translation>Fits a square of {side} mm (registrable: over {smallest} mm and at most {largest} mm)</translation>
    </message>
    <message>
        <location filename="../inkan/impression_view.py" line="127"/>
        <source>画面の実寸はモニターが知らせる大きさによります（{dpi}dpi）</source>
        <translation>True size on screen as the monitor reports its size ({dpi} dpi)</translation>
    </message>
    <message>
        <location filename="../inkan/impression_view.py" line="129"/>
        <source>この画面の実際の大きさが分からないため、実寸では表示していません</source>
        <translation>This screen's real size is unknown: the impression is not shown at true size</translation>
    </message>
</context>
<context>
    <name>InkanDialog</name>
    <message>
        <location filename="../inkan/dialog.py" line="101"/>
        <source>印鑑登録・印鑑登録証明書</source>
        <translation>Seal registration and seal registration certificates</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="103"/>
        <source>印鑑登録証明書（F9）</source>
        <translation>Seal registration certificate (F9)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="104"/>
        <source>印鑑登録</source>
        <translation>Seal registration</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="114"/>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="139"/>
        <source>氏名が変わりました。登録した印鑑の文字が新しい氏名と合わなければ、登録を選んで「廃止」を押してください（合っていればそのまま閉じます）</source>
        <translation>The name has changed. If the registered seal's text no longer matches the new name, choose the registration and press Abolish (if it matches, just close)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="147"/>
        <source>印鑑登録証の番号（バーコードを読み取るか入力してEnter）</source>
        <translation>Seal registration card number (scan the bar code or type it, then Enter)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="151"/>
        <source>本人が来たときは空欄</source>
        <translation>Leave empty when the registered person came</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="154"/>
        <source>なし（印鑑登録証のみ）</source>
        <translation>None (the card only)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="159"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="162"/>
        <source>交付（Enter）</source>
        <translation>Issue (Enter)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="165"/>
        <source>PDFで保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="170"/>
        <source>印鑑登録証</source>
        <translation>Seal registration card</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="171"/>
        <source>来た人（代理の人の氏名）</source>
        <translation>Who came (name of someone else)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="172"/>
        <source>本人確認書類</source>
        <translation>Identity document</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="173"/>
        <source>無料・減免の区分</source>
        <translation>Free or reduced fee category</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="198"/>
        <source>保証人の宛名番号</source>
        <translation>Guarantor's 宛名番号</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="201"/>
        <source>代理人が申請するときの氏名</source>
        <translation>Name of a proxy who applies</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="204"/>
        <source>委任状</source>
        <translation>Letter of proxy</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="209"/>
        <source>意思能力を有しない者</source>
        <translation>Lacks mental capacity</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="213"/>
        <source>印影を読み取った画像（PNG・JPEG）</source>
        <translation>Scan of the impression (PNG or JPEG)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="215"/>
        <source>選ぶ…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="217"/>
        <source>読み取る</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="225"/>
        <source>登録（Ctrl+Enter）</source>
        <translation>Register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="229"/>
        <source>宛名番号</source>
        <translation>宛名番号</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="77"/>
        <source>本人確認</source>
        <translation>Identity confirmed by</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="231"/>
        <source>写真付き証明書</source>
        <translation>Photo ID</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="232"/>
        <source>保証人</source>
        <translation>Guarantor</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="233"/>
        <source>代理人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="235"/>
        <source>印影の文字</source>
        <translation>Text of the seal</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="78"/>
        <source>印影</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="76"/>
        <source>登録番号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="76"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="77"/>
        <source>登録年月日</source>
        <translation>Registered on</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="78"/>
        <source>回答期限</source>
        <translation>Answer by</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="79"/>
        <source>終了</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="247"/>
        <source>回答書の受付</source>
        <translation>Answer received</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="248"/>
        <source>廃止</source>
        <translation>Abolish</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="248"/>
        <source>亡失届</source>
        <translation>Card lost</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="250"/>
        <source>原票</source>
        <translation>Record sheet</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="251"/>
        <source>照会書</source>
        <translation>Inquiry letter</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="287"/>
        <source>印鑑登録証明書　登録番号 {number}　{name}　手数料 {fee}円</source>
        <translation>Seal registration certificate　registration no. {number}　{name}　fee {fee} yen</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="292"/>
        <source>交付しました。内容を確かめて印刷してください（Ctrl+P）</source>
        <translation>Issued. Check it and print it (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="304"/>
        <source>PDFで保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="318"/>
        <source>{path} に保存しました（ファイル出力として監査ログに記録）</source>
        <translation>Saved to {path} (recorded in the audit log as a file export)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="324"/>
        <source>印影の画像</source>
        <translation>Scan of the impression</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="324"/>
        <source>画像 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="353"/>
        <source>印影を読み取りました（一辺{side}mm）。印影の文字を確かめて登録してください（Ctrl+Enter）</source>
        <translation>Impression read ({side} mm square). Check the seal's text and register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="367"/>
        <source>印影：印影の画像を読み取ってください</source>
        <translation>Impression: read the scan of the impression first</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="375"/>
        <source>照会書を印刷して郵送してください（回答期限 {day}）</source>
        <translation>Print the inquiry letter and mail it (answer by {day})</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="376"/>
        <source>印鑑登録証を印刷して渡してください</source>
        <translation>Print the card and hand it over</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="377"/>
        <source>登録しました（登録番号 {number}、{state}）。</source>
        <translation>Registered (registration no. {number}, {state}). </translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="405"/>
        <source>印鑑登録を一覧で選んでください</source>
        <translation>Choose a registration in the list</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="418"/>
        <source>登録番号 {number}：{state}</source>
        <translation>Registration no. {number}: {state}</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="444"/>
        <source>印鑑登録証　登録番号 {number}</source>
        <translation>Seal registration card　registration no. {number}</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="449"/>
        <source>印鑑登録原票　登録番号 {number}</source>
        <translation>Seal registration record　registration no. {number}</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="455"/>
        <source>照会書は照会書の方法による登録だけです</source>
        <translation>Only a registration by the inquiry method has an inquiry letter</translation>
    </message>
    <message>
        <location filename="../inkan/dialog.py" line="461"/>
        <source>照会書　登録番号 {number}</source>
        <translation>Inquiry letter　registration no. {number}</translation>
    </message>
    <message numerus="yes">
        <location filename="../inkan/dialog.py" line="491"/>
        <source>%n枚を印刷に送りました</source>
        <translation>
            <numerusform>%n page sent to the printer</numerusform>
            <numerusform>%n pages sent to the printer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InkanState</name>
    <message>
        <location filename="../inkan/state.py" line="13"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../inkan/state.py" line="16"/>
        <source>要確認（二重登録：{numbers}）</source>
        <translation>To check (registered twice: {numbers})</translation>
    </message>
    <message>
        <location filename="../inkan/state.py" line="20"/>
        <source>照会中（登録番号 {number}、回答期限 {day}）</source>
        <translation>Awaiting answer (registration no. {number}, answer by {day})</translation>
    </message>
    <message>
        <location filename="../inkan/state.py" line="23"/>
        <source>登録（登録番号 {number}、{day}）</source>
        <translation>Registered (registration no. {number}, {day})</translation>
    </message>
    <message>
        <location filename="../inkan/state.py" line="25"/>
        <source>{state}（登録番号 {number}、{day} {reason}）</source>
        <translation>{state} (registration no. {number}, {day} {reason})</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <location filename="../first_run/pages.py" line="278"/>
        <source>クラウドから参加</source>
        <translation>Join from the cloud</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="279"/>
        <source>自治体クラウドのデータベースと、この端末の登録コードを入力してください。</source>
        <translation>Enter the municipality&apos;s cloud database and this terminal&apos;s enrollment code.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="283"/>
        <source>例: terminal-shisho1</source>
        <translation>e.g. terminal-shisho1</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="289"/>
        <source>公的な認証局でないときだけ（PEM）</source>
        <translation>Only when not a public certificate authority (PEM)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="290"/>
        <source>選ぶ…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="296"/>
        <source>クラウドのURL</source>
        <translation>Cloud URL</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="297"/>
        <source>この端末のクラウドユーザ</source>
        <translation>This terminal&apos;s cloud user</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="298"/>
        <source>クラウドのパスワード</source>
        <translation>Cloud password</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="299"/>
        <source>登録コード</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="300"/>
        <source>認証局の証明書（任意）</source>
        <translation>CA certificate (optional)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="312"/>
        <source>認証局の証明書</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="312"/>
        <source>証明書 (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="323"/>
        <source>クラウドのURLはデータベースまで入力してください（https://ホスト:ポート/データベース名）</source>
        <translation>Enter the cloud URL down to the database (https://host:port/database)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="326"/>
        <source>認証局の証明書のファイルがありません（{file}）</source>
        <translation>The CA certificate file does not exist ({file})</translation>
    </message>
    <message>
        <source>登録コードは管理者端末の「設定」→「クラウド」で発行され、期限内に一台の端末だけが使えます。実行すると参加を申請し、管理者端末で「参加を確認」されると台帳をクラウドから復元します（住民の数により数分かかります）。</source>
        <translation>Enrollment codes are issued on the administrator's terminal (Settings → Cloud) and serve one terminal only, before they expire. Running the set-up claims the code; once the administrator's terminal confirms the claim, the registry is restored from the cloud (a few minutes, depending on the number of residents).</translation>
    </message>
</context>
<context>
    <name>JudgmentDialog</name>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="27"/>
        <source>判断できるのは係長以上の職員です</source>
        <translation>Only a supervisor (係長) or above can judge</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="37"/>
        <source>支援措置 ― 係長の判断</source>
        <translation>支援措置 ― Supervisor&apos;s judgment</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="51"/>
        <source>認証アプリの6桁の数字（設定している場合）</source>
        <translation>The 6 digits of the authenticator app (if set up)</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="54"/>
        <source>例: 裁判所の手続に必要で、請求者と加害者に関係がないことを確認した</source>
        <translation>e.g. Needed for court proceedings; confirmed the requester has no link to the offender</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="58"/>
        <source>判断者のユーザID</source>
        <translation>Supervisor&apos;s user ID</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="59"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="60"/>
        <source>ワンタイムパスワード</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="61"/>
        <source>判断の理由</source>
        <translation>Reason for the judgment</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="69"/>
        <source>判断して交付</source>
        <translation>Judge and issue</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="70"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="96"/>
        <source>判断者のユーザIDを入力してください</source>
        <translation>Enter the supervisor&apos;s user ID</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="99"/>
        <source>判断の理由を入力してください</source>
        <translation>Enter the reason for the judgment</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="116"/>
        <source>（{name}さんは{role}）</source>
        <translation> ({name} is {role})</translation>
    </message>
    <message>
        <location filename="../kofu/judgment_dialog.py" line="31"/>
        <source>判断は、この請求を処理している{name}さんとは別の係長以上の職員がサインインして行います</source>
        <translation>The judgment is made by a supervisor other than {name}, who is processing this request, signing in here</translation>
    </message>
</context>
<context>
    <name>JuminhyoCodePanel</name>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="43"/>
        <source>この端末の住民票コードを記載</source>
        <translation>Record 住民票コード from this terminal</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="45"/>
        <source>待っている住民に、この端末の住民票コードを住民票コードの職権記載で記載します</source>
        <translation>Gives each waiting resident a 住民票コード from this terminal&apos;s pool (住民票コードの職権記載)</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="63"/>
        <source>ファイルから住民票コードを取り込む…</source>
        <translation>Import 住民票コード from a file…</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="64"/>
        <source>1行に住民票コード1件（UTF-8 のテキスト。空行と # で始まる行は読み飛ばします）。1行でも誤りがあれば何も取り込みません</source>
        <translation>One 住民票コード a line (UTF-8 text; blank lines and lines starting with # are skipped). Nothing is imported if any line is wrong</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="75"/>
        <source>払い出す</source>
        <translation>Lease</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="81"/>
        <source>払出し先の端末</source>
        <translation>Lease to terminal</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="91"/>
        <source>この端末の住民票コードの残り {left}件</source>
        <translation>住民票コード left on this terminal: {left}</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="93"/>
        <source>（払い出していない住民票コード {unleased}件）</source>
        <translation> (not yet leased: {unleased})</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="96"/>
        <source>住民票コードを待っている住民 {count}人</source>
        <translation>Residents waiting for a 住民票コード: {count}</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="101"/>
        <source>住民票コードのファイル</source>
        <translation>File of 住民票コード</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="102"/>
        <source>テキスト (*.txt *.csv)</source>
        <translation>Text (*.txt *.csv)</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="111"/>
        <source>ファイルを UTF-8 のテキストとして読めませんでした。何も取り込んでいません</source>
        <translation>The file could not be read as UTF-8 text. Nothing was imported</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="113"/>
        <source>{item}：{message}。何も取り込んでいません</source>
        <translation>{item}: {message}. Nothing was imported</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="117"/>
        <source>住民票コードを{count}件取り込み、この端末へ{leased}件払い出しました</source>
        <translation>Imported {count} 住民票コード and leased {leased} to this terminal</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="125"/>
        <source>端末「{terminal}」へ住民票コードを{count}件払い出しました（次の同期で届きます）</source>
        <translation>Leased {count} 住民票コード to terminal 「{terminal}」 (they arrive with its next sync)</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="132"/>
        <source>{item}：{message}。何も記載していません</source>
        <translation>{item}: {message}. Nothing was recorded</translation>
    </message>
    <message>
        <location filename="../idou/juminhyo_code_panel.py" line="136"/>
        <source>{count}人の住民票コードを記載しました</source>
        <translation>Recorded the 住民票コード of {count} residents</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <location filename="../first_run/wizard.py" line="74"/>
        <source>端末の鍵</source>
        <translation>Terminal key</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="75"/>
        <source>この端末の台帳は端末の鍵で暗号化されます。鍵の保管場所を確認します。</source>
        <translation>This terminal&apos;s registry is encrypted with the terminal key. Checking where the key will be kept.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="85"/>
        <source>端末の合言葉</source>
        <translation>Terminal passphrase</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="86"/>
        <source>端末の合言葉（確認）</source>
        <translation>Terminal passphrase (again)</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="87"/>
        <source>合言葉は{count}文字以上で、窓口を起動するたびに入力します。忘れると、この端末の台帳を開けなくなります。</source>
        <translation>The passphrase has at least {count} characters and is entered every time Madoguchi starts. If it is forgotten, this terminal&apos;s registry cannot be opened.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="102"/>
        <source>実行 &gt;</source>
        <translation>Run &gt;</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="120"/>
        <source>キーリングを確認しています…</source>
        <translation>Checking the keyring…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="133"/>
        <source>キーリング（{backend}）が使えません。</source>
        <translation>The keyring ({backend}) cannot be used.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="134"/>
        <source>{error}。OSのキーリングを使えるようにしてから、もう一度初期設定をしてください。</source>
        <translation>{error}. Make the system keyring usable, then run the set-up again.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="137"/>
        <source>端末の鍵はOSのキーリング（{backend}）に保管します。書き込みと読み出しを確認しました。</source>
        <translation>The terminal key will be kept in the system keyring ({backend}). Writing and reading were checked.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="140"/>
        <source>この端末には安全なキーリングがありません。</source>
        <translation>This terminal has no safe keyring.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="141"/>
        <source>クラウドから参加するには、クラウドのパスワードを保管する安全なキーリングが必要です（Windowsの資格情報マネージャーなど）。OSのキーリングを使えるようにしてください。</source>
        <translation>Joining from the cloud needs a safe keyring to keep the cloud password (such as the Windows Credential Manager). Make the system keyring usable.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="144"/>
        <source>この端末には安全なキーリングがありません。端末の鍵は、ここで決める端末の合言葉で保護します。</source>
        <translation>This terminal has no safe keyring. The terminal key will be protected by a terminal passphrase chosen here.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="161"/>
        <source>端末の合言葉は{count}文字以上にしてください</source>
        <translation>The terminal passphrase needs at least {count} characters</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="163"/>
        <source>端末の合言葉と確認用の合言葉が一致しません</source>
        <translation>The two passphrases do not match</translation>
    </message>
</context>
<context>
    <name>KeySheetFiles</name>
    <message>
        <location filename="../common/recovery_kit.py" line="19"/>
        <source>復旧キット-{terminal}.pdf</source>
        <translation>recovery-kit-{terminal}.pdf</translation>
    </message>
    <message>
        <location filename="../common/recovery_kit.py" line="20"/>
        <source>復旧キットの保存</source>
        <translation>Save the recovery kit</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="29"/>
        <location filename="../common/recovery_kit.py" line="26"/>
        <source>復旧キット</source>
        <translation>Recovery kit</translation>
    </message>
    <message>
        <location filename="../common/recovery_kit.py" line="26"/>
        <source>復旧キットを保存しました。印刷して施錠できる場所に保管し、ファイルは削除してください。</source>
        <translation>Recovery kit saved. Print it, keep it in a place that locks, and delete the file.</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="22"/>
        <source>復旧キットの印刷</source>
        <translation>Print a recovery kit</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="22"/>
        <source>新しい復旧コードを作成します。以前の復旧キットは使えなくなります。続けますか？</source>
        <translation>A new recovery code will be made; earlier recovery kits stop working. Go on?</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="34"/>
        <source>分割鍵</source>
        <translation>Key shares</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="35"/>
        <source>分割する枚数</source>
        <translation>Number of shares</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="38"/>
        <source>復元に必要な枚数</source>
        <translation>Shares needed to restore</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="39"/>
        <source>分割鍵の保存先</source>
        <translation>Folder for the key shares</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="49"/>
        <source>分割鍵-{number}-{count}.pdf</source>
        <translation>key-share-{number}-{count}.pdf</translation>
    </message>
    <message>
        <location filename="../admin/key_sheets.py" line="52"/>
        <source>分割鍵を保存しました。一枚ずつ別の管理者が印刷して施錠できる場所に保管し、ファイルは削除してください。</source>
        <translation>Key shares saved. Each to a different administrator: print it, keep it in a place that locks, and delete the file.</translation>
    </message>
</context>
<context>
    <name>KofuDialog</name>
    <message>
        <location filename="../kofu/dialog.py" line="52"/>
        <source>発行した証明書をまだ印刷していません。閉じるにはもう一度 Esc を押してください（交付履歴には発行として残ります）</source>
        <translation>The certificate issued has not been printed yet. Press Esc again to close (the issue stays in the 交付履歴).</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="54"/>
        <source>ファイルへの印刷はできません。ファイルが必要なときは係長が「PDFで保存」で出力します</source>
        <translation>Printing to a file is not possible. When a file is needed, a supervisor uses “Save as PDF”.</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="55"/>
        <source>プリンタの部数は1にしてください。通数は請求の「通数」で指定します（1通ごとに発行番号が異なります）</source>
        <translation>Set the printer&apos;s copies to 1. The number of copies is set in the request&apos;s “Copies” (each copy has its own 発行番号).</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="57"/>
        <source>支援措置の対象者です。加害者には交付しません。本人には写真付きの本人確認書類（{ids}）で交付し、それ以外の請求には係長の判断が必要です。</source>
        <translation>This person is under 支援措置 (protection). Never issue to the offender. Issue to the person with a photo ID ({ids}); any other request needs a supervisor&apos;s judgment.</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="72"/>
        <source>証明書の交付 ― {name}（宛名番号 {atena}）</source>
        <translation>Issue a certificate ― {name} (resident no. {atena})</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="97"/>
        <source>「発行」で証明書を作成すると、ここに表示します</source>
        <translation>The certificate appears here once made with “Issue”</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="101"/>
        <source>発行（Ctrl+Enter）</source>
        <translation>Issue (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="102"/>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="103"/>
        <source>PDFで保存（Ctrl+S）</source>
        <translation>Save as PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="104"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="107"/>
        <source>ファイル出力は係長以上の権限で、監査ログに記録されます</source>
        <translation>Saving to a file needs a supervisor (係長) or above and is recorded in the audit log</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="166"/>
        <source>&#x3000;個人番号の記載があるため本人の住所へ郵送します</source>
        <translation> ― it shows the 個人番号, so it is mailed to the person&apos;s address</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="171"/>
        <source>発行番号 {numbers}</source>
        <translation>発行番号 {numbers}</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="175"/>
        <source>{judge}（{role}）の判断によりファイルに出力します</source>
        <translation>On the judgment of {judge} ({role}): saved as a file</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="176"/>
        <source>{judge}（{role}）の判断により発行しました。内容を確かめて印刷してください（Enter で印刷）</source>
        <translation>Issued on the judgment of {judge} ({role}). Check it, then print (Enter prints)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="179"/>
        <source>ファイルに出力します</source>
        <translation>Saved as a file</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="180"/>
        <source>発行しました。内容を確かめて印刷してください（Enter で印刷）</source>
        <translation>Issued. Check it, then print (Enter prints)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="240"/>
        <source>プリンタ</source>
        <translation>printer</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="246"/>
        <source>PDFで保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="257"/>
        <source>{path} に保存しました（ファイル出力として監査ログに記録）</source>
        <translation>Saved to {path} (recorded in the audit log as a file export)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="1"/>
        <source>{note}。他の端末で始まった支援措置が届いていないおそれがあるため、第三者・代理人の請求には係長の判断が必要です。</source>
        <translation>{note}. A 支援措置 started on another terminal may not have arrived yet, so requests by third parties and agents need a supervisor's judgment.</translation>
    </message>
    <message>
        <source>{kind} {copies}・{pages}　手数料 {fee}円</source>
        <translation>{kind}: {copies}, {pages}, fee ¥{fee}</translation>
    </message>
    <message numerus="yes">
        <source>%n通</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n枚</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <source>{pages}を印刷に送りました（{printer}）</source>
        <translation>{pages} sent to the printer ({printer})</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="67"/>
        <source>再交付: {kind}（発行番号 {number}）と同じ請求で、その交付と同じ内容を「再交付」として印字します（その後の異動は記載されません。新しい発行番号、手数料は通常どおり）。今日の記録で交付するときは、新たに交付してください</source>
        <translation>Issue again: the same request as {kind} (発行番号 {number}), printing what that issue printed, marked “再交付” (no later change appears; a new 発行番号, the fee as usual). To print today's record, make a new issue instead</translation>
    </message>
    <message>
        <source>再交付: 発行番号 {number} の交付と同じ内容です（その後の異動は記載されません）</source>
        <translation>Issued again: what the issue 発行番号 {number} printed (no later change appears)</translation>
    </message>
    <message>
        <location filename="../kofu/dialog.py" line="163"/>
        <source>再交付 ― {name}（宛名番号 {atena}）</source>
        <translation>Issue again — {name} (宛名番号 {atena})</translation>
    </message>
</context>
<context>
    <name>KofuForm</name>
    <message>
        <location filename="../kofu/form.py" line="1"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="1"/>
        <source>無料・減免の区分</source>
        <translation>Fee exemption or reduction</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="45"/>
        <source>必須（法12条の3）</source>
        <translation>Required (Art. 12-3)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="46"/>
        <source>必須（法12条の2）</source>
        <translation>Required (Art. 12-2)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="69"/>
        <source>世帯全員</source>
        <translation>Whole household</translation>
    </message>
    <message numerus="yes">
        <location filename="../kofu/form.py" line="114"/>
        <source> 通</source>
        <translation>
            <numerusform> copy</numerusform>
            <numerusform> copies</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="119"/>
        <source>証明書の種類</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="121"/>
        <source>様式</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="122"/>
        <source>対象者</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="124"/>
        <source>請求者の種別</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="127"/>
        <source>請求事由</source>
        <translation>Purpose of the request</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="128"/>
        <source>委任状</source>
        <translation>Letter of proxy</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="129"/>
        <source>記載する事項</source>
        <translation>Items shown</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="130"/>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="131"/>
        <source>手数料</source>
        <translation>Fee</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="207"/>
        <source>除票は個人票だけです</source>
        <translation>A 除票 is individual (個人票) only</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="207"/>
        <source>異動の履歴は個人票に記載します</source>
        <translation>The history of changes is printed on the individual form (個人票)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="175"/>
        <source>除票</source>
        <translation>除票 (former residence)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="216"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="219"/>
        <source>0円（公用）</source>
        <translation>¥0 (official request)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="220"/>
        <source>{fee}円（{per_copy}円×{count}通）</source>
        <translation>¥{fee} (¥{per_copy} × {count})</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="165"/>
        <source>事務所の名称</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="53"/>
        <source>代理人の氏名</source>
        <translation>Agent's name</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="156"/>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="104"/>
        <source>例: 地方税法第20条の11</source>
        <translation>e.g. 地方税法第20条の11</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="102"/>
        <source>例: 委任状（委任者の署名あり）</source>
        <translation>e.g. 委任状（委任者の署名あり）</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="103"/>
        <source>例: 納税課　主査　丙川　三郎</source>
        <translation>e.g. 納税課　主査　丙川　三郎</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="106"/>
        <source>例: 金銭消費貸借契約書の写し</source>
        <translation>e.g. 金銭消費貸借契約書の写し</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="167"/>
        <source>依頼者</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="122"/>
        <source>写真付きは1点、それ以外は2点</source>
        <translation>One with a photo, or two others</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="57"/>
        <source>委任者（本人等）</source>
        <translation>Principal (本人等)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="158"/>
        <source>担当者の職名・氏名</source>
        <translation>Official in charge (title, name)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="168"/>
        <source>本人確認書類</source>
        <translation>Identity document</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="55"/>
        <source>機関の名称</source>
        <translation>Office</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="101"/>
        <source>法人・職務上請求は事務所の所在地</source>
        <translation>For a company or a professional: the office's address</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="9"/>
        <source>法令上の根拠</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="9"/>
        <source>疎明資料</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="164"/>
        <source>登録番号</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="166"/>
        <source>職務上請求書の番号</source>
        <translation>Number of the 職務上請求書</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="107"/>
        <source>職務上請求（特定事務受任者）</source>
        <translation>Professional request (特定事務受任者)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="54"/>
        <source>請求者の氏名・名称</source>
        <translation>Requester's name</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="56"/>
        <source>請求者（本人等）</source>
        <translation>Requester (本人等)</translation>
    </message>
    <message>
        <location filename="../kofu/form.py" line="163"/>
        <source>資格</source>
        <translation>Qualification</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../shell/main_window.py" line="231"/>
        <source>印鑑登録・印鑑登録証明書…</source>
        <translation>Seal registration and certificates…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="227"/>
        <source>閲覧（住民基本台帳の一部の写し）…</source>
        <translation>Inspection (閲覧) of the register…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="65"/>
        <source>該当する人はいません</source>
        <translation>No one found</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="75"/>
        <source>窓口 ― 住民記録（{town}）</source>
        <translation>Madoguchi ― Resident Registry ({town})</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="79"/>
        <source>除票を含む</source>
        <translation>Include removed (除票)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="83"/>
        <source>すべての住民</source>
        <translation>All residents</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="86"/>
        <source>F2 検索</source>
        <translation>F2 Search</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="87"/>
        <source>F5 照会</source>
        <translation>F5 Look up</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="88"/>
        <source>F6 異動</source>
        <translation>F6 異動</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="90"/>
        <source>照会中の人の世帯の異動（転居・転出・世帯の変更・出生・死亡・職権修正）か、転入を登録します</source>
        <translation>Record a 異動 for the household shown (move, move-out, household change, birth, death, correction), or a move-in</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="180"/>
        <source>管理(&amp;K)</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="182"/>
        <source>設定…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="185"/>
        <source>要確認・競合・隔離…</source>
        <translation>Forks, conflicts, quarantine…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="187"/>
        <source>職員の管理…</source>
        <translation>Staff…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="190"/>
        <source>操作記録（監査ログ）…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="193"/>
        <source>支援措置…</source>
        <translation>Protection (支援措置)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="196"/>
        <source>復旧キットの印刷…</source>
        <translation>Print a recovery kit…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="198"/>
        <source>エスクロー分割の印刷…</source>
        <translation>Print escrow key shares…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="200"/>
        <source>ファイルによる同期（持出し・持込み）…</source>
        <translation>Sync by file (carry out, carry in)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="203"/>
        <source>通知（送付・受付）…</source>
        <translation>Notices (outgoing and received)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="206"/>
        <source>サインアウト(&amp;Q)</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="218"/>
        <source>異動一覧・日計…</source>
        <translation>Day&apos;s 異動 and totals…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="223"/>
        <location filename="../shell/main_window.py" line="232"/>
        <source>係長以上の権限が必要です</source>
        <translation>Needs the 係長 role or above</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="224"/>
        <source>付番待ち一覧…</source>
        <translation>Awaiting 個人番号…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="227"/>
        <source>人口統計…</source>
        <translation>Population statistics…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="233"/>
        <source>被災者台帳・罹災証明書…</source>
        <translation>Disaster victims&apos; ledger and 罹災証明書…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="381"/>
        <source>交付する人を照会してから F8 を押してください</source>
        <translation>Look up the person first, then press F8 to issue a certificate</translation>
    </message>
    <message>
        <location filename="../search/search_input.py" line="17"/>
        <source>12桁の番号は個人番号として Enter で検索します</source>
        <translation>A 12-digit number is searched as a 個人番号 on Enter</translation>
    </message>
    <message>
        <location filename="../search/search_input.py" line="45"/>
        <source>{kind}検索 {count}件</source>
        <translation>{kind} search: {count}</translation>
    </message>
    <message>
        <location filename="../search/search_input.py" line="48"/>
        <source>&#x3000;さらにあります（条件を加えて絞り込んでください）</source>
        <translation> ― there are more (add to the search to narrow it down)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/shell/main_window.py" line="238"/>
        <source>戸籍の附票（Shift+F8）…</source>
        <translation>戸籍の附票 (Shift+F8)…</translation>
    </message>
</context>
<context>
    <name>MembersSection</name>
    <message>
        <location filename="../idou/sections.py" line="214"/>
        <source>対象</source>
        <translation>Included</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="215"/>
        <source>新しい続柄</source>
        <translation>New 続柄</translation>
    </message>
</context>
<context>
    <name>MynumberDialog</name>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="34"/>
        <source>付番待ち一覧</source>
        <translation>Awaiting numbers</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="40"/>
        <source>ファイルから個人番号を記載…</source>
        <translation>Fill in 個人番号 from a file…</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="41"/>
        <source>1行に「宛名番号,個人番号」（UTF-8 の CSV）。1行でも誤りがあれば何も記載しません</source>
        <translation>One “宛名番号,個人番号” per line (CSV in UTF-8). If any line is wrong, nothing is recorded</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="43"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="70"/>
        <source>個人番号の付番を待っている住民 {count}人</source>
        <translation>{count} residents awaiting a 個人番号</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="74"/>
        <source>個人番号のファイル</source>
        <translation>File of 個人番号</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="82"/>
        <source>ファイルを UTF-8 のテキストとして読めませんでした。何も記載していません</source>
        <translation>The file could not be read as UTF-8 text. Nothing was recorded</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="85"/>
        <source>{item}：{message}。何も記載していません</source>
        <translation>{item}: {message}. Nothing was recorded</translation>
    </message>
    <message>
        <location filename="../idou/mynumber_dialog.py" line="91"/>
        <source>{count}人の個人番号を記載しました</source>
        <translation>個人番号 recorded for {count} residents</translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <location filename="../admin/staff_forms.py" line="97"/>
        <source>職員を追加</source>
        <translation>Add a staff member</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="98"/>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="107"/>
        <source>ユーザID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="109"/>
        <source>権限</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="110"/>
        <source>初期パスワード</source>
        <translation>First password</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="111"/>
        <source>初期パスワード（確認）</source>
        <translation>First password (again)</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <location filename="../admin/notices_dialog.py" line="1"/>
        <source>附票に記載: {change} {what}</source>
        <translation>To record in the 附票: {change} {what}</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="1"/>
        <source>戸籍の附票に {count} 件の記載をします</source>
        <translation>{count} entries will be recorded in the 戸籍の附票</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="1"/>
        <source>戸籍の附票に記載しました（文書ID {doc}）</source>
        <translation>Recorded in the 戸籍の附票 (document ID {doc})</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="52"/>
        <location filename="../admin/notices_dialog.py" line="56"/>
        <location filename="../admin/notices_dialog.py" line="170"/>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="52"/>
        <source>送付先</source>
        <translation>Addressee</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="53"/>
        <location filename="../admin/notices_dialog.py" line="56"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="54"/>
        <source>処理日</source>
        <translation>Processed</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="55"/>
        <source>受付日</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="55"/>
        <source>差出人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="57"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="123"/>
        <source>通知（送付・受付）</source>
        <translation>Notices (outgoing and received)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="126"/>
        <source>送付待ち</source>
        <translation>To send</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="127"/>
        <source>受付</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="163"/>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="177"/>
        <location filename="../admin/notices_dialog.py" line="235"/>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="179"/>
        <source>通知ファイルを作成（送付済みにする）</source>
        <translation>Write the notices file (marks them sent)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="183"/>
        <source>管理者の承認が必要です（作成するときに求められます）</source>
        <translation>Needs an administrator&apos;s approval (asked for when writing)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="190"/>
        <source>書き出すファイル（持出し: 管理者の承認・監査記録あり）</source>
        <translation>File to write (a carry-out: approved by an administrator and audited)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="203"/>
        <source>送付待ち {count} 件</source>
        <translation>{count} to send</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="206"/>
        <source>通知ファイルの保存先</source>
        <translation>Save the notices file as</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="207"/>
        <source>通知ファイル (*.json)</source>
        <translation>Notices files (*.json)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="214"/>
        <source>書き出すファイルを選んでください</source>
        <translation>Choose the file to write</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="221"/>
        <source>通知ファイルを書き出しています…</source>
        <translation>Writing the notices file…</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="226"/>
        <source>通知 {count} 件を {file} に書き出し、送付済みにしました</source>
        <translation>Wrote {count} notices to {file} and marked them sent</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="237"/>
        <source>取り込む</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="256"/>
        <source>受け付けた通知</source>
        <translation>Notice received</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="272"/>
        <source>確認して登録</source>
        <translation>Confirm and record</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="277"/>
        <source>却下の理由</source>
        <translation>Reason for rejecting</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="278"/>
        <source>却下</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="261"/>
        <source>登録する異動（確認のための計画で、まだ登録していません）</source>
        <translation>The 異動 it would record (planned for checking, not recorded yet)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="292"/>
        <source>他の市区町村や戸籍からの通知のファイル</source>
        <translation>A file of notices from other municipalities or the family register (戸籍)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="308"/>
        <source>&#x3000;要確認（二つの端末で処理）</source>
        <translation> — to review (decided on two terminals)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="318"/>
        <source>取り込む通知ファイル</source>
        <translation>Notices file to import</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="319"/>
        <source>通知ファイル (*.json);;すべてのファイル (*)</source>
        <translation>Notices files (*.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="326"/>
        <source>取り込む通知ファイルを選んでください</source>
        <translation>Choose the notices file to import</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="329"/>
        <source>通知ファイルを取り込んでいます…</source>
        <translation>Taking the notices file in…</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="332"/>
        <source>取り込めません: {reason}（何も変更していません）</source>
        <translation>Cannot import: {reason} (nothing was changed)</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="335"/>
        <source>通知 {count} 件を受け付けました（受付済み {already} 件）。一件ずつ確認して登録してください</source>
        <translation>Received {count} notices ({already} received before). Check and record them one by one</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="382"/>
        <source>通知の登録</source>
        <translation>Record the notice</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="383"/>
        <source>{reason}（異動日 {day}）を登録します: {names}</source>
        <translation>This records {reason} (異動日 {day}): {names}</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="387"/>
        <source>登録する</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="401"/>
        <source>{reason}を登録しました（文書ID {doc}）</source>
        <translation>Recorded {reason} (document {doc})</translation>
    </message>
    <message>
        <location filename="../admin/notices_dialog.py" line="416"/>
        <source>通知を却下しました（何も登録していません）</source>
        <translation>Notice rejected (nothing was recorded)</translation>
    </message>
</context>
<context>
    <name>NotifierSection</name>
    <message>
        <location filename="../idou/sections.py" line="96"/>
        <source>届出期間（{days}日）を過ぎています（{late}日経過）</source>
        <translation>Past the {days} days allowed for notification ({late} days over)</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="98"/>
        <source>届出</source>
        <translation>Notification</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="102"/>
        <source>氏と名の間に全角空白</source>
        <translation>A full-width space between surname and given name</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="113"/>
        <source>届出日</source>
        <translation>Date notified</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="114"/>
        <source>届出人の氏名</source>
        <translation>Notifier&apos;s name</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="115"/>
        <source>届出人の続柄</source>
        <translation>Notifier&apos;s relation</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="116"/>
        <source>本人確認の方法</source>
        <translation>Identified by</translation>
    </message>
    <message>
        <source>請求・申出</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>請求者の氏名</source>
        <translation>Name of the requester</translation>
    </message>
    <message>
        <source>請求者の続柄</source>
        <translation>Requester's relation</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../shell/passphrase_dialog.py" line="13"/>
        <source>窓口 ― 端末の合言葉</source>
        <translation>Madoguchi ― Terminal passphrase</translation>
    </message>
    <message>
        <location filename="../shell/passphrase_dialog.py" line="23"/>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../shell/passphrase_dialog.py" line="24"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../shell/passphrase_dialog.py" line="32"/>
        <source>端末の合言葉</source>
        <translation>Terminal passphrase</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../admin/staff_forms.py" line="123"/>
        <source>パスワード再設定 ― {user}</source>
        <translation>Reset password ― {user}</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="124"/>
        <source>再設定</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="128"/>
        <source>新しいパスワード</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="129"/>
        <source>新しいパスワード（確認）</source>
        <translation>New password (again)</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <location filename="../common/pdf_pages.py" line="66"/>
        <source>プリンタを開けませんでした</source>
        <translation>Could not open the printer</translation>
    </message>
</context>
<context>
    <name>PersonTableModel</name>
    <message>
        <location filename="../search/person_table_model.py" line="32"/>
        <source>要確認</source>
        <translation>to check</translation>
    </message>
    <message>
        <location filename="../search/person_table_model.py" line="33"/>
        <source>並行して登録された異動があります。内容を確認してください</source>
        <translation>異動 were recorded concurrently for this person. Check the record.</translation>
    </message>
    <message>
        <location filename="../search/person_table_model.py" line="35"/>
        <source>（読み込めません）</source>
        <translation>(cannot be read)</translation>
    </message>
    <message>
        <location filename="../search/person_table_model.py" line="37"/>
        <source>支援</source>
        <translation>Protected</translation>
    </message>
    <message>
        <location filename="../search/person_table_model.py" line="39"/>
        <source>支援措置の対象者です。住所や連絡先を本人以外に伝えないでください（照会で制限の内容を表示します）</source>
        <translation>Under 支援措置 (protection of a victim). Do not tell anyone but the person their address or contacts (look them up to see what is restricted).</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../search/person_view.py" line="37"/>
        <source>検索結果から人を選び、Enter または F5 で照会します</source>
        <translation>Choose a person in the results and press Enter or F5 to look them up</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="38"/>
        <source>要確認&#x3000;この方には並行して登録された異動が{count}件あります。係長が職権修正で確定するまで、記載内容を確認してから交付・異動してください。</source>
        <translation>Check: {count} 異動 were recorded concurrently for this person. Until a 係長 settles them by a correction, check the record before issuing or recording anything.</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="40"/>
        <source>支援措置&#x3000;この方は支援措置の対象です。住所などの記載事項を電話や口頭で伝えないでください。</source>
        <translation>支援措置: this person is under protection. Do not give the address or any other item by phone or aloud.</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="42"/>
        <source>交付: 加害者には交付しません。本人には写真付きの本人確認書類（{ids}）で、それ以外の請求は係長の判断を得て交付します。</source>
        <translation>Certificates: never to the offender. To the person with a photo ID ({ids}); any other request only with a 係長&apos;s judgment.</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="44"/>
        <source>異動: 加害者からの届出は受け付けません。</source>
        <translation>異動: notifications from the offender are not accepted.</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="45"/>
        <source>（終了日を過ぎていますが、端末の時刻をクラウドの時刻で確認できるまで継続します）</source>
        <translation> (past its end date, but kept until the terminal&apos;s clock is confirmed against the cloud)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="47"/>
        <source>付番待ち</source>
        <translation>Awaiting number</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="48"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="48"/>
        <source>隠す</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="79"/>
        <source>{date}まで</source>
        <translation>until {date}</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="82"/>
        <source>（別の端末での延長・終了が重なっています。長い方の期間で継続中）</source>
        <translation> (extended or ended on another terminal at the same time; the longer period holds)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="84"/>
        <source>抑止: {processes}&#x3000;{until}{concurrent}</source>
        <translation>Restricted: {processes}, {until}{concurrent}</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="88"/>
        <source>加害者: {names}</source>
        <translation>Offender: {names}</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="236"/>
        <source>F8 交付</source>
        <translation>F8 Issue</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="238"/>
        <source>この人の証明書（住民票の写し・除票の写し・記載事項証明書・転出証明書）を交付します</source>
        <translation>Issue this person&apos;s certificates (住民票の写し, 除票の写し, 記載事項証明書, 転出証明書)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="243"/>
        <source>支援措置…</source>
        <translation>Protection (支援措置)…</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="245"/>
        <source>この人の支援措置（開始・延長・終了）を設定します（係長以上）</source>
        <translation>Set this person&apos;s protection (start, extend, end; 係長 and above)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="272"/>
        <source>個人番号をすべて表示します</source>
        <translation>Show the whole 個人番号</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="285"/>
        <source>異動履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="291"/>
        <source>除票</source>
        <translation>除票 (former residences)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="295"/>
        <source>この人の除票（住民でなくなった住民票）です。交付画面で第何回の除票かを選びます</source>
        <translation>This person&apos;s 除票 (records of residences that have ended); the 交付 screen chooses which one by its number</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="289"/>
        <source>世帯</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="63"/>
        <source>{birth}（{age}歳）</source>
        <translation>{birth} (age {age})</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="2"/>
        <source>交付履歴</source>
        <translation>Issue history</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="11"/>
        <source>交付の取消し…</source>
        <translation>Cancel issue…</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="326"/>
        <source>選んだ交付を取り消します（交付した職員はその日のうちに、係長以上はいつでも）</source>
        <translation>Cancels the chosen issue (its own staff member on the same day, a 係長 or above at any time)</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="11"/>
        <source>再交付…</source>
        <translation>Issue again…</translation>
    </message>
    <message>
        <location filename="../search/person_view.py" line="330"/>
        <source>選んだ交付と同じ請求で、新しい発行番号の証明書を交付します</source>
        <translation>Issues a certificate for the same request as the chosen issue, with a new 発行番号</translation>
    </message>
</context>
<context>
    <name>ForeignSection</name>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>外国人住民の記載事項（法30条の45）</source>
        <translation>Items of a foreign resident (Article 30-45)</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>番号 1〜6 か名称の一部</source>
        <translation>Number 1 to 6 or part of the name</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>一時庇護許可者は上陸期間、仮滞在許可者は仮滞在期間</source>
        <translation>上陸期間 for a 一時庇護許可者, 仮滞在期間 for a 仮滞在許可者</translation>
    </message>
</context>
<context>
    <name>OfficeSection</name>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>選挙人名簿・国民健康保険・後期高齢者医療・介護保険・国民年金・児童手当</source>
        <translation>Electoral register, National Health Insurance, late-stage elderly medical care, long-term care insurance, National Pension, child allowance</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>退職被保険者等</source>
        <translation>Retired insured person</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>例：R8.4、令和8年4月</source>
        <translation>e.g. R8.4, 令和8年4月</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="1"/>
        <source>例：1234-567890</source>
        <translation>e.g. 1234-567890</translation>
    </message>
</context>
<context>
    <name>PersonsSection</name>
    <message>
        <location filename="../idou/sections.py" line="360"/>
        <source>人を追加（Ctrl+N）</source>
        <translation>Add a person (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="363"/>
        <source>選んだ人を削除（Ctrl+Delete）</source>
        <translation>Remove the person chosen (Ctrl+Delete)</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="370"/>
        <source>氏と名の間は全角空白。フリガナはカタカナ（ひらがなも可）。性別は男・女（1・2、M・F も可）。個人番号が分からないときは空欄（付番待ち）。本籍が無い・分からないときは本籍に「なし」「不明」。住民票コードは転出証明書などに書かれた11桁。住民票に初めて記載される人は「新規」。外国人住民は住民種別に「外国人」（2 も可）と入れると、在留カードなどの記載事項の欄が出ます（区分は番号 1〜6 か名称の一部、在留期間の満了の日は西暦。上陸期間・仮滞在期間は一時庇護許可者・仮滞在許可者だけ。氏名の優先区分は 1 漢字・2 アルファベット、空欄は漢字）。Tab で次の欄へ、矢印キーで表の中を移動します。</source>
        <translation>A full-width space between surname and given name. フリガナ in katakana (hiragana is accepted). 性別 男 or 女 (1 or 2, M or F also do). Leave the 個人番号 empty when it is not known (awaiting a number). Without a known 本籍, enter 「なし」 or 「不明」. The 住民票コード is the 11 digits on the certificate of moving out or the like; for a person recorded in a resident register for the first time, enter 「新規」. For a foreign resident enter 「外国人」 (or 2) as 住民種別: the columns of the residence card items appear (区分 by its number 1 to 6 or part of its name, the expiry of the period of stay in the Western calendar; the 上陸期間 or 仮滞在期間 only for a 一時庇護許可者 or 仮滞在許可者; the 氏名の優先区分 1 for 漢字, 2 for the alphabet, empty for 漢字). Tab goes to the next field, the arrow keys move within the table.</translation>
    </message>
    <message>
        <location filename="../idou/sections.py" line="433"/>
        <source>同一人：宛名番号 {0} を続けます</source>
        <translation>Same person: resident no. {0} continues</translation>
    </message>
</context>
<context>
    <name>PopulationDialog</name>
    <message>
        <location filename="../admin/population_dialog.py" line="37"/>
        <source>全体</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="39"/>
        <source>UTF-8（BOM付き・表計算ソフト向け）</source>
        <translation>UTF-8 (with BOM, for spreadsheets)</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="100"/>
        <source>集計を取り消しました</source>
        <translation>Count cancelled</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="102"/>
        <source>人口統計（地域・年齢別人口）</source>
        <translation>Population statistics (by area and age)</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="106"/>
        <source>集計</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="109"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="127"/>
        <source>CSVで出力…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="131"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="138"/>
        <location filename="../admin/population_dialog.py" line="163"/>
        <source>調査年月日</source>
        <translation>Reference date</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="143"/>
        <source>地域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="206"/>
        <source>{date}現在&#x3000;{area}&#x3000;総人口 {people}人&#x3000;世帯数 {households}</source>
        <translation>As of {date}, {area}: population {people}, households {households}</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="216"/>
        <source>CSVで出力</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="230"/>
        <source>ファイルに書けませんでした（{error}）</source>
        <translation>Could not write the file ({error})</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="232"/>
        <source>{file} に出力しました</source>
        <translation>Written to {file}</translation>
    </message>
</context>
<context>
    <name>ProtectionDialog</name>
    <message>
        <location filename="../admin/protection_dialog.py" line="1"/>
        <source>支援措置 ― {name}（戸籍の附票）</source>
        <translation>支援措置 ― {name} (戸籍の附票)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="44"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="44"/>
        <location filename="../admin/protection_dialog.py" line="202"/>
        <source>抑止する事務</source>
        <translation>Restricted</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="45"/>
        <location filename="../admin/protection_dialog.py" line="204"/>
        <source>開始日</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="45"/>
        <source>終了日</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="46"/>
        <location filename="../admin/protection_dialog.py" line="206"/>
        <source>加害者</source>
        <translation>Offender</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="46"/>
        <location filename="../admin/protection_dialog.py" line="203"/>
        <source>対象者</source>
        <translation>Persons</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="47"/>
        <location filename="../admin/protection_dialog.py" line="207"/>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="49"/>
        <source>加害者の氏名</source>
        <translation>Offender&apos;s name</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="50"/>
        <source>宛名番号（分かれば）</source>
        <translation>Resident no. (if known)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="58"/>
        <location filename="../admin/protection_dialog.py" line="149"/>
        <source>終了</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="58"/>
        <source>期間満了</source>
        <translation>Expired</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="60"/>
        <source>継続中（時刻未確認）</source>
        <translation>In force (clock not confirmed)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="61"/>
        <source>要確認・継続中</source>
        <translation>To check, in force</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="61"/>
        <source>継続中</source>
        <translation>In force</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="80"/>
        <source>支援措置</source>
        <translation>Protection (支援措置)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="87"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="113"/>
        <source>この人の支援措置</source>
        <translation>This person&apos;s measures</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="122"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="138"/>
        <source>選んだ支援措置の延長・終了</source>
        <translation>Extend or end the measure chosen</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="143"/>
        <source>延長</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="148"/>
        <source>終了の理由（例: 申出者からの取下げ）</source>
        <translation>Reason for ending (e.g. withdrawn by the applicant)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="153"/>
        <source>延長後の終了日</source>
        <translation>New end date</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="165"/>
        <source>新しい支援措置（開始）</source>
        <translation>New measure (start)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="173"/>
        <source>世帯全員を対象にする</source>
        <translation>The whole household</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="196"/>
        <source>例: 配偶者からの暴力（DV）。申出書 令和8年11月27日受付</source>
        <translation>e.g. 配偶者からの暴力（DV）。申出書 令和8年11月27日受付</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="197"/>
        <source>支援措置を開始</source>
        <translation>Start the measure</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="205"/>
        <source>終了日（既定は1年）</source>
        <translation>End date (one year by default)</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="230"/>
        <source>支援措置 ― {name}（宛名番号 {atena}）</source>
        <translation>支援措置 ― {name} (resident no. {atena})</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="250"/>
        <source>{count}人</source>
        <translation>{count}</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="296"/>
        <source>支援措置を開始しました</source>
        <translation>Measure started</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="304"/>
        <source>{date}まで延長しました</source>
        <translation>Extended until {date}</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="311"/>
        <source>支援措置を終了しました</source>
        <translation>Measure ended</translation>
    </message>
    <message>
        <location filename="../admin/protection_dialog.py" line="325"/>
        <source>{done}（次の同期で他の端末に届きます）</source>
        <translation>{done} (it reaches the other terminals with the next sync)</translation>
    </message>
</context>
<context>
    <name>PyramidView</name>
    <message>
        <location filename="../admin/population_dialog.py" line="59"/>
        <source>日付を選んで「集計」を押してください</source>
        <translation>Choose a date and press “Count”</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="72"/>
        <source>男性 {count}人</source>
        <translation>Men {count}</translation>
    </message>
    <message>
        <location filename="../admin/population_dialog.py" line="75"/>
        <source>女性 {count}人</source>
        <translation>Women {count}</translation>
    </message>
</context>
<context>
    <name>RegistryStatusBar</name>
    <message>
        <location filename="../shell/status_bar.py" line="13"/>
        <source>クラウド同期: 未設定</source>
        <translation>Cloud sync: not set up</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="23"/>
        <source>同期中…</source>
        <translation>syncing…</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="25"/>
        <source>オフライン</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="27"/>
        <source>同期できません</source>
        <translation>cannot sync</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="29"/>
        <source>オンライン</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="31"/>
        <source>なし</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="32"/>
        <source>クラウド: {state}</source>
        <translation>Cloud: {state}</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="33"/>
        <source>未送信 {count} 件</source>
        <translation>{count} unsent</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="34"/>
        <source>最終同期 {time}</source>
        <translation>last sync {time}</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="36"/>
        <source>要確認 {count} 人</source>
        <translation>{count} to check</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="38"/>
        <source>競合 {count} 件</source>
        <translation>{count} conflicts</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="40"/>
        <source>隔離 {count} 件</source>
        <translation>{count} quarantined</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="44"/>
        <source>未着 {count} 件</source>
        <translation>{count} missing from the cloud</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="43"/>
        <source>端末の時計が{minutes}分進んでいます</source>
        <translation>the terminal&apos;s clock is {minutes} min fast</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="45"/>
        <source>端末の時計が{minutes}分遅れています</source>
        <translation>the terminal&apos;s clock is {minutes} min slow</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="47"/>
        <source>&#x3000;</source>
        <comment>separator between the parts</comment>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="56"/>
        <source>端末: {terminal}</source>
        <translation>Terminal: {terminal}</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="59"/>
        <source>この端末はまだ自治体クラウドと同期するよう設定されていません</source>
        <translation>This terminal is not yet set up to sync with the municipality&apos;s cloud</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="60"/>
        <source>今すぐ同期</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="63"/>
        <source>要確認・競合・隔離</source>
        <translation>Forks, conflicts, quarantine</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="69"/>
        <source>デモデータ（架空の住民）</source>
        <translation>Demo data (fictional residents)</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="79"/>
        <source>職員: {name}&#x3000;権限: {role}</source>
        <translation>Staff: {name}  Role: {role}</translation>
    </message>
    <message>
        <source>職員: サインインしていません</source>
        <translation>Staff: nobody signed in</translation>
    </message>
    <message>
        <source>クラウドの時刻が確認待ち（管理者が設定で確認）</source>
        <translation>The cloud's time waits for confirmation (an administrator, in Settings)</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../admin/review_dialog.py" line="103"/>
        <source>印鑑登録の二重登録（別の端末で同時に登録）{count}人　― 行を選んで Enter で照会し、F9 で一方を廃止します</source>
        <translation>Seals registered twice (on two terminals at once): {count} persons ― choose a row and press Enter to view the person, then F9 to abolish one</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="105"/>
        <source>登録番号</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="105"/>
        <source>登録した端末</source>
        <translation>Registered on terminal</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="105"/>
        <source>登録日時</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="61"/>
        <source>要確認・競合・隔離</source>
        <translation>Forks, conflicts, quarantine</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="68"/>
        <source>要確認（並行した異動）{count}人&#x3000;― 行を選んで Enter で照会します</source>
        <translation>To check (concurrent 異動): {count} ― choose a row and press Enter to look up</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="70"/>
        <source>並行した異動</source>
        <translation>Concurrent 異動</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="76"/>
        <source>競合 {count}件</source>
        <translation>Conflicts: {count}</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="77"/>
        <location filename="../admin/review_dialog.py" line="89"/>
        <source>文書</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="77"/>
        <location filename="../admin/review_dialog.py" line="89"/>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="77"/>
        <source>採用中の版</source>
        <translation>Revision in force</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="77"/>
        <source>競合する版</source>
        <translation>Conflicting revisions</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="81"/>
        <source>採用中の版で解決する</source>
        <translation>Resolve with the revision in force</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="88"/>
        <source>隔離した受信文書 {count}件</source>
        <translation>Quarantined arrivals: {count}</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="89"/>
        <source>受信日時</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="89"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="102"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../admin/review_dialog.py" line="114"/>
        <source>競合の解決</source>
        <translation>Resolve a conflict</translation>
    </message>
    <message>
        <source>番号重複（一つの宛名番号に別の人）{count}人&#x3000;― 行を選んで Enter で照会します</source>
        <translation>Resident numbers recorded for two people: {count}&#x3000;― select a row and press Enter to view</translation>
    </message>
    <message>
        <source>同一人の疑い（氏名・生年月日・性別が同じ住民）{count}組&#x3000;― 行を選んで Enter で照会します</source>
        <translation>Possibly the same person (residents with the same name, date of birth and sex): {count} pairs&#x3000;― select a row and press Enter to view</translation>
    </message>
    <message>
        <source>記載した異動</source>
        <translation>Recording 異動</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../first_run/wizard.py" line="175"/>
        <location filename="../first_run/wizard.py" line="205"/>
        <source>初期設定を実行しています</source>
        <translation>Setting up</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="181"/>
        <source>&lt; 戻って入力を直す</source>
        <translation>&lt; Back to correct the entries</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="183"/>
        <source>復旧キットを保存…</source>
        <translation>Save the recovery kit…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="206"/>
        <source>台帳の作成やクラウドからの復元には、しばらくかかることがあります。</source>
        <translation>Creating the registry or restoring it from the cloud can take a while.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="210"/>
        <source>開始しています…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="224"/>
        <source>初期設定が終わりました</source>
        <translation>Set-up finished</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="225"/>
        <source>この端末で窓口を使う準備ができました。</source>
        <translation>Madoguchi is ready on this terminal.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="230"/>
        <source>この端末の復旧キット（キーリングの鍵が失われたときに台帳を開く復旧コード）を保存して印刷してください。この画面を閉じると二度と表示できません。</source>
        <translation>Save and print this terminal&apos;s recovery kit (the recovery code that opens the registry if the keyring loses the key). It cannot be shown again once this window is closed.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="242"/>
        <source>初期設定ができませんでした</source>
        <translation>Set-up failed</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="243"/>
        <source>入力を確かめてください。</source>
        <translation>Check the entries.</translation>
    </message>
    <message>
        <location filename="../first_run/wizard.py" line="244"/>
        <source>この端末には何も残していません。「戻る」で入力を直して、もう一度実行してください。</source>
        <translation>Nothing was left on this terminal. Go “Back”, correct the entries and run again.</translation>
    </message>
    <message>
        <source>待つのをやめる</source>
        <translation>Stop waiting</translation>
    </message>
    <message>
        <source>参加の確認を待つのをやめました</source>
        <translation>Stopped waiting for the confirmation</translation>
    </message>
    <message>
        <source>「戻る」で入力を確かめて、もう一度実行してください。参加の途中で止まったときは、同じ登録コードで実行すると続きから参加します。</source>
        <translation>Go back, check what you entered and run it again. A join that stopped part-way goes on from where it was when it is run with the same enrollment code.</translation>
    </message>
</context>
<context>
    <name>SavedFile</name>
    <message>
        <location filename="../common/saved_file.py" line="21"/>
        <source>ファイルに書けませんでした（{reason}）</source>
        <translation>Could not write the file ({reason})</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <location filename="../search/search_field.py" line="9"/>
        <source>氏名・フリガナ・生年月日・住所・宛名番号で検索（個人番号は Enter）</source>
        <translation>Search by name, フリガナ, birth date, address or resident no. (個人番号 on Enter)</translation>
    </message>
</context>
<context>
    <name>SecondFactorDialog</name>
    <message>
        <location filename="../admin/staff_forms.py" line="143"/>
        <source>二要素認証の設定 ― {user}</source>
        <translation>Set up two-factor sign-in ― {user}</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="144"/>
        <source>設定</source>
        <translation>Set up</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="148"/>
        <source>{user} さんの認証アプリ（ワンタイムパスワードのアプリ）で QR コードを読み取るか、秘密鍵を入力してもらい、アプリに表示された6桁の数字を入力してください。この画面は本人以外に見せないでください。</source>
        <translation>Have {user} scan the QR code with their authenticator app (one-time password app), or type in the secret key, then enter the 6 digits the app shows. Show this screen to no one else.</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="168"/>
        <source>6桁の数字</source>
        <translation>6 digits</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="169"/>
        <source>秘密鍵</source>
        <translation>Secret key</translation>
    </message>
    <message>
        <location filename="../admin/staff_forms.py" line="171"/>
        <source>ワンタイムパスワード</source>
        <translation>One-time password</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../idou/sections.py" line="59"/>
        <source>例：R8.11.27、令和8年11月27日、2026-11-27</source>
        <translation>e.g. R8.11.27, 令和8年11月27日, 2026-11-27</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../admin/settings_dialog.py" line="169"/>
        <source> 日</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="171"/>
        <source>照会書の方法による印鑑登録は、郵送した日からこの日数のうちに回答書が窓口に戻ったときだけ登録されます</source>
        <translation>A seal registration by the inquiry method is registered only when the answer comes back to the counter within this many days of mailing</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="180"/>
        <source>印鑑登録の照会書の回答期限（全端末）</source>
        <translation>Answer period of a seal registration inquiry (all terminals)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>証明書の種類</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>手数料（円）</source>
        <translation>Fee (yen)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>無料・減免の区分</source>
        <translation>Exemption or reduction</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>1通の手数料（円、0は無料）</source>
        <translation>Fee per copy (yen, 0 is free)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>無料</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>手数料</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>{what}の手数料は0から{max}円までの整数です</source>
        <translation>The fee of {what} is a whole number from 0 to {max} yen</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>区分を追加</source>
        <translation>Add a category</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>選んだ区分を削除</source>
        <translation>Remove the selected category</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>証明書1通の手数料（手数料条例）。公用請求は法律により無料です</source>
        <translation>Fee per copy of each certificate (the fee ordinance). Official requests are free by law</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>無料・減免の区分（交付のときに選びます。手数料は「無料」または金額）</source>
        <translation>Fee exemption and reduction categories (chosen at issue; the fee is “Free” or an amount)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>減免区分</source>
        <translation>Fee category</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>減免区分の名前を入力してください</source>
        <translation>Enter the name of the fee category</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="1"/>
        <source>減免区分「{name}」が重複しています</source>
        <translation>The fee category “{name}” appears twice</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="46"/>
        <source>開始日</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="46"/>
        <source>終了日</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="47"/>
        <source>職名</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="48"/>
        <source>設定を変えられるのは管理者だけです</source>
        <translation>Only an administrator can change the settings</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="49"/>
        <source>保存しました</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="50"/>
        <source>クラウドに接続できました。接続先を保存しました（パスワードはキーリングに保存）</source>
        <translation>Connected to the cloud. The connection was saved (the password in the keyring).</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="56"/>
        <source>職務代理者（{number}行目）</source>
        <translation>Deputy (row {number})</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="57"/>
        <source>{item}の開始日</source>
        <translation>{item}: start date</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="58"/>
        <source>{item}の終了日</source>
        <translation>{item}: end date</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="61"/>
        <source>終了日が開始日より前になっています</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="63"/>
        <source>職名と氏名を入力してください</source>
        <translation>Enter the title and the name</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="76"/>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="92"/>
        <source>職務代理者を追加</source>
        <translation>Add a deputy</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="94"/>
        <source>選んだ行を削除</source>
        <translation>Delete the row chosen</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="102"/>
        <location filename="../admin/settings_dialog.py" line="151"/>
        <source>市区町村</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="102"/>
        <source>{town}（全国地方公共団体コード {code}）</source>
        <translation>{town} (local government code {code})</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="104"/>
        <source>市区町村長の職名</source>
        <translation>Mayor&apos;s title</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="105"/>
        <source>市区町村長の氏名</source>
        <translation>Mayor&apos;s name</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="106"/>
        <source>職務代理者（期間中は証明書の認証者になります。日付は和暦でも西暦でも）</source>
        <translation>Deputies (they certify the certificates during their period; dates in 和暦 or Western style)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="116"/>
        <source> 分</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="120"/>
        <source>端末名</source>
        <translation>Terminal name</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="120"/>
        <source>{terminal}（発行番号の発行端末名。登録時に決まります）</source>
        <translation>{terminal} (the terminal name in the 発行番号; set when the terminal was registered)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="122"/>
        <source>プリンタ番号</source>
        <translation>Printer no.</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="123"/>
        <source>画面ロックまで（全端末）</source>
        <translation>Lock the screen after (all terminals)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="132"/>
        <source>変えるときだけ入力</source>
        <translation>Enter only to change it</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="134"/>
        <source>任意：独自の認証局の証明書ファイル</source>
        <translation>Optional: the certificate file of a private certificate authority</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="135"/>
        <source>接続を確認して保存</source>
        <translation>Check the connection and save</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="144"/>
        <source>端末のユーザ</source>
        <translation>Terminal&apos;s user</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="145"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="146"/>
        <source>認証局の証明書</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="152"/>
        <source>この端末</source>
        <translation>This terminal</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="153"/>
        <source>クラウド</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="157"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="160"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="199"/>
        <source>市区町村長</source>
        <translation>Mayor</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="199"/>
        <source>市区町村長の職名と氏名を入力してください</source>
        <translation>Enter the mayor&apos;s title and name</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="220"/>
        <source>変更はありません</source>
        <translation>Nothing changed</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="226"/>
        <source>URL・ユーザ・パスワードを入力してください</source>
        <translation>Enter the URL, user and password</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="234"/>
        <source>クラウドに接続しています…</source>
        <translation>Connecting to the cloud…</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="123"/>
        <source> 時間</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="133"/>
        <source>同期の遅れの上限（全端末）</source>
        <translation>Longest time since the last sync (all terminals)</translation>
    </message>
    <message>
        <location filename="../admin/settings_dialog.py" line="125"/>
        <source>最後の同期からこの時間を過ぎた端末では、第三者・代理人の請求に係長の判断が必要になります（他の端末で始まった支援措置が届いていないおそれがあるため）</source>
        <translation>On a terminal not synced for longer than this, requests by third parties and agents need a supervisor's judgment (a 支援措置 started on another terminal may not have arrived yet)</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>クラウドの時刻を承認</source>
        <translation>Accept the cloud's time</translation>
    </message>
    <message>
        <source>信頼する時刻を取り消す</source>
        <translation>Forget the trusted time</translation>
    </message>
    <message>
        <source>信頼する時刻</source>
        <translation>Trusted time</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>（確認待ちのクラウドの時刻 {time}: 端末の時計や前回の時刻より大きく進んでいるため信頼していません。正しいときだけ承認してください）</source>
        <translation> (the cloud's time {time} waits for confirmation: it is far ahead of this terminal's clock and of the last trusted time, so it is not trusted. Accept it only if it is right)</translation>
    </message>
    <message>
        <source>クラウドの時刻 {time} を信頼する時刻にしました</source>
        <translation>The cloud's time {time} is now the trusted time</translation>
    </message>
    <message>
        <source>信頼する時刻を取り消しました。次にクラウドが応答した時刻から設定し直します</source>
        <translation>The trusted time was forgotten. It is set again from the cloud's next answer</translation>
    </message>
    <message>
        <source>新しい端末の名前（例: 支所1）</source>
        <translation>The new terminal's name (e.g. 支所1)</translation>
    </message>
    <message>
        <source> 時間有効</source>
        <translation> hours valid</translation>
    </message>
    <message>
        <source>登録コードを発行</source>
        <translation>Issue an enrollment code</translation>
    </message>
    <message>
        <source>参加を確認</source>
        <translation>Confirm joins</translation>
    </message>
    <message>
        <source>端末の登録</source>
        <translation>Enroll a terminal</translation>
    </message>
    <message>
        <source>登録コード</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>登録コードは紙で新しい端末に渡します。新しい端末が参加を申請したら「参加を確認」を押し、新しい端末に表示された確認番号と同じか確かめてください。コードは最初に申請した一台だけに使えます。</source>
        <translation>Hand the enrollment code to the new terminal on paper. When the new terminal has claimed it, press 「参加を確認」 and check that the number matches the one the new terminal shows. A code serves only the first terminal that claims it.</translation>
    </message>
    <message>
        <source>参加を確認済み（確認番号 {number}）</source>
        <translation>Join confirmed (check number {number})</translation>
    </message>
    <message>
        <source>期限切れ</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>申請待ち</source>
        <translation>Not claimed yet</translation>
    </message>
    <message>
        <source>新しい端末の名前を入力してください</source>
        <translation>Enter the new terminal's name</translation>
    </message>
    <message>
        <source>登録コードを発行しています…</source>
        <translation>Issuing the enrollment code…</translation>
    </message>
    <message>
        <source>端末「{terminal}」の登録コードを発行しました。紙に書き写して新しい端末に渡してください（この画面を閉じると二度と表示されません）</source>
        <translation>The enrollment code for terminal 「{terminal}」 was issued. Copy it onto paper and hand it to the new terminal (it is not shown again once this window closes)</translation>
    </message>
    <message>
        <source>参加の申請を確認しています…</source>
        <translation>Checking the claims…</translation>
    </message>
    <message>
        <source>端末「{terminal}」の参加を確認しました（確認番号 {number}）</source>
        <translation>Terminal 「{terminal}」 confirmed (check number {number})</translation>
    </message>
    <message>
        <source>端末「{terminal}」への申請を拒否しました: {reason}</source>
        <translation>A claim for terminal 「{terminal}」 was refused: {reason}</translation>
    </message>
    <message>
        <source>確認する申請はまだありません</source>
        <translation>No claims to confirm yet</translation>
    </message>
    <message>
        <source>接続できませんでした（{error}）。接続先は保存していません。確かめてから、もう一度「接続を確認して保存」を押してください</source>
        <translation>Could not connect ({error}). The connection was not saved. Check it, then press “Check the connection and save” again</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="35"/>
        <source>窓口 ― サインイン</source>
        <translation>Madoguchi ― Sign in</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="38"/>
        <source>住民記録システム&#x3000;サインイン</source>
        <translation>Resident Registry  Sign in</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="51"/>
        <source>認証アプリの6桁の数字</source>
        <translation>The 6 digits of the authenticator app</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="54"/>
        <source>ユーザID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="55"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="56"/>
        <source>ワンタイムパスワード</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="66"/>
        <source>サインイン</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="67"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="79"/>
        <source>デモの町です。ユーザID demo、パスワード demo でサインインできます。</source>
        <translation>This is the demo town. Sign in with user ID demo and password demo.</translation>
    </message>
    <message>
        <location filename="../shell/sign_in_dialog.py" line="120"/>
        <source>ユーザIDを入力してください</source>
        <translation>Enter your user ID</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../admin/staff_dialog.py" line="36"/>
        <source>ユーザID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="36"/>
        <source>権限</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="37"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="37"/>
        <source>二要素認証</source>
        <translation>Two-factor</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="38"/>
        <source>要確認</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="44"/>
        <location filename="../admin/staff_dialog.py" line="84"/>
        <source>利用停止</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="46"/>
        <source>ロック中（{time}まで）</source>
        <translation>Locked (until {time})</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="47"/>
        <source>利用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="53"/>
        <source>{items}が別の端末で同時に変更されました（制限の強い方を適用中）</source>
        <translation>{items} changed on another terminal at the same time (the stricter one applies)</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="60"/>
        <source>職員の管理</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="67"/>
        <source>職員の登録・権限・利用停止・パスワード再設定・二要素認証。変更は次の同期で他の端末にも届き、操作記録に残ります。</source>
        <translation>Register staff, set roles, disable accounts, reset passwords, set up two-factor sign-in. Changes reach the other terminals with the next sync and are recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="81"/>
        <source>職員を追加…</source>
        <translation>Add a staff member…</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="83"/>
        <source>権限を変更</source>
        <translation>Change the role</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="85"/>
        <source>利用再開</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="86"/>
        <source>パスワード再設定…</source>
        <translation>Reset the password…</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="87"/>
        <source>二要素認証を設定…</source>
        <translation>Set up two-factor…</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="88"/>
        <source>二要素認証を解除</source>
        <translation>Remove two-factor</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="89"/>
        <source>ロック解除</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="93"/>
        <source>{user} の権限を{role}にしました</source>
        <translation>{user} now has the role {role}</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="95"/>
        <source>{user} を利用停止にしました</source>
        <translation>{user} disabled</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="97"/>
        <source>{user} の利用を再開しました</source>
        <translation>{user} enabled again</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="99"/>
        <source>{user} の二要素認証を解除しました</source>
        <translation>Two-factor sign-in removed for {user}</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="101"/>
        <source>{user} のロックを解除しました</source>
        <translation>{user} unlocked</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="103"/>
        <source>{user} のパスワードを再設定しました</source>
        <translation>Password reset for {user}</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="105"/>
        <source>{user} の二要素認証を設定しました</source>
        <translation>Two-factor sign-in set up for {user}</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="122"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="144"/>
        <source>設定済み</source>
        <translation>Set up</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="144"/>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../admin/staff_dialog.py" line="203"/>
        <source>{user} を登録しました</source>
        <translation>{user} registered</translation>
    </message>
</context>
<context>
    <name>StaffForms</name>
    <message>
        <location filename="../admin/staff_forms.py" line="34"/>
        <source>確認のために入力したパスワードが一致しません</source>
        <translation>The password typed again does not match</translation>
    </message>
</context>
<context>
    <name>TownPage</name>
    <message>
        <location filename="../first_run/pages.py" line="102"/>
        <source>市区町村</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="103"/>
        <source>台帳を作成する市区町村と、この端末の名前を入力してください。</source>
        <translation>Enter the municipality whose registry is created, and this terminal&apos;s name.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="105"/>
        <source>例: みどり町</source>
        <translation>e.g. みどり町</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="107"/>
        <source>（選択してください）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="109"/>
        <source>6桁（検査数字を含む）</source>
        <translation>6 digits (with the check digit)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="112"/>
        <source>例: 緑川&#x3000;一郎</source>
        <translation>e.g. 緑川&#x3000;一郎</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="114"/>
        <location filename="../first_run/pages.py" line="188"/>
        <source>（未設定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="118"/>
        <source>画像を選ぶ…</source>
        <translation>Choose an image…</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="119"/>
        <source>外す</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="133"/>
        <source>市区町村名</source>
        <translation>Municipality name</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="134"/>
        <source>全国地方公共団体コード</source>
        <translation>Local government code</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="135"/>
        <source>都道府県</source>
        <translation>Prefecture</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="136"/>
        <source>市区町村長の氏名</source>
        <translation>Mayor&apos;s name</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="137"/>
        <source>電子公印（任意）</source>
        <translation>Electronic seal (optional)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="138"/>
        <source>この端末の名前</source>
        <translation>This terminal&apos;s name</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="141"/>
        <source>電子公印は黒一色の画像（PNGなど）で、証明書には25mm角以内で印字されます。後から設定することもできます。</source>
        <translation>The electronic seal is a black-only image (PNG or the like), printed on certificates within 25 mm square. It can also be set later.</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="164"/>
        <source>電子公印の画像</source>
        <translation>Image of the electronic seal</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="164"/>
        <source>画像 (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="169"/>
        <source>画像を読めません（{error}）</source>
        <translation>Cannot read the image ({error})</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="188"/>
        <source>（設定済み）</source>
        <translation>(set)</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="203"/>
        <source>全国地方公共団体コードの上2桁（{digits}）は{prefecture}です。コードか都道府県を確かめてください</source>
        <translation>The first two digits of the local government code ({digits}) are {prefecture}&apos;s. Check the code or the prefecture</translation>
    </message>
    <message>
        <location filename="../first_run/pages.py" line="205"/>
        <source>全国地方公共団体コードの上2桁（{digits}）はどの都道府県でもありません。コードか都道府県を確かめてください</source>
        <translation>The first two digits of the local government code ({digits}) are no prefecture&apos;s. Check the code or the prefecture</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../admin/staff_forms.py" line="70"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../shell/app.py" line="33"/>
        <source>窓口</source>
        <translation>Madoguchi</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="39"/>
        <source>窓口 ― エラー</source>
        <translation>Madoguchi ― Error</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="41"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="47"/>
        <source>{town}&#x3000;端末 {terminal}</source>
        <translation>{town}  Terminal {terminal}</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="57"/>
        <source>復旧キットの復旧コードを入力してください（例: ABCD5-EFGH6-…）</source>
        <translation>Enter the recovery code of the recovery kit (e.g. ABCD5-EFGH6-…)</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="60"/>
        <source>窓口 ― 復旧コードで開く</source>
        <translation>Madoguchi ― Open with the recovery code</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="66"/>
        <source>復旧コードで開く</source>
        <translation>Open with the recovery code</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="66"/>
        <source>管理者の合言葉で開く</source>
        <translation>Open with the administrator passphrase</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="67"/>
        <source>窓口 ― 端末の鍵</source>
        <translation>Madoguchi ― Terminal key</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="73"/>
        <source>管理者の合言葉を入力してください</source>
        <translation>Enter the administrator passphrase</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="76"/>
        <source>窓口 ― 管理者の合言葉で開く</source>
        <translation>Madoguchi ― Open with the administrator passphrase</translation>
    </message>
</context>
<context>
    <name>CertificateSection</name>
    <message>
        <source>転出証明書</source>
        <translation>Certificate of moving out</translation>
    </message>
    <message>
        <source>例：東京都千代田区</source>
        <translation>e.g. 東京都千代田区</translation>
    </message>
    <message>
        <source>証明書に書かれた転出先</source>
        <translation>The destination written on the certificate</translation>
    </message>
    <message>
        <source>発行した市区町村</source>
        <translation>Issuing municipality</translation>
    </message>
    <message>
        <source>転出予定日</source>
        <translation>Planned moving-out date</translation>
    </message>
    <message>
        <source>転出先</source>
        <translation>Destination</translation>
    </message>
</context>
<context>
    <name>NaturalizedSection</name>
    <message>
        <source>帰化等をした人（{name}　宛名番号 {atena}）</source>
        <translation>Person naturalized ({name}, 宛名番号 {atena})</translation>
    </message>
</context>
<context>
    <name>PersonItemsSection</name>
    <message>
        <source>対象の人（{name}　宛名番号 {atena}）</source>
        <translation>Person concerned ({name}, 宛名番号 {atena})</translation>
    </message>
    <message>
        <source>入力する項目はありません。</source>
        <translation>There is nothing to enter.</translation>
    </message>
</context>
<context>
    <name>FuhyoDialog</name>
    <message>
        <location filename="../fuhyo/dialog.py" line="1"/>
        <source>支援措置（住所地から）</source>
        <translation>支援措置 (forwarded by her town)</translation>
    </message>
    <message>
        <location filename="../fuhyo/dialog.py" line="1"/>
        <source>支援措置（住所は表示しません）</source>
        <translation>支援措置 (address not shown)</translation>
    </message>
    <message>
        <location filename="../fuhyo/dialog.py" line="1"/>
        <source>この町の住民（宛名番号 {atena}）の支援措置は照会画面から登録します</source>
        <translation>The 支援措置 of a resident of this town (宛名番号 {atena}) is recorded from the 照会 screen</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="83"/>
        <source>戸籍の附票</source>
        <translation>戸籍の附票 (family register supplement)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="86"/>
        <source>本籍・筆頭者・氏名で検索（Enter）</source>
        <translation>Search by 本籍, 筆頭者 or name (Enter)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="87"/>
        <source>本籍</source>
        <translation>本籍</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="87"/>
        <source>筆頭者</source>
        <translation>筆頭者</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="87"/>
        <source>記載されている人</source>
        <translation>Persons recorded</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="87"/>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="90"/>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="90"/>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="90"/>
        <source>性別</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="90"/>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="91"/>
        <source>住所を定めた年月日</source>
        <translation>Date the address was set</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="91"/>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="115"/>
        <source>本籍・筆頭者を記載</source>
        <translation>Print 本籍 and 筆頭者</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="116"/>
        <source>住民票コードを記載（本人等のみ）</source>
        <translation>Print the 住民票コード (本人等 only)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="117"/>
        <source>選んだ人だけ（一部の写し）</source>
        <translation>Only the chosen person (partial copy)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="121"/>
        <source>請求者の種別</source>
        <translation>Requester</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="121"/>
        <source>続柄</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="122"/>
        <source>誰の本人等か</source>
        <translation>Relative of</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="122"/>
        <source>請求者の宛名番号</source>
        <translation>Requester's 宛名番号</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="123"/>
        <source>請求者の氏名・名称</source>
        <translation>Requester's name</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="124"/>
        <source>請求者の住所</source>
        <translation>Requester's address</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="125"/>
        <source>本人確認書類</source>
        <translation>Identity document</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="125"/>
        <source>委任状</source>
        <translation>Letter of proxy</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="126"/>
        <source>請求事由</source>
        <translation>Purpose of the request</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="126"/>
        <source>疎明資料</source>
        <translation>Supporting documents</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="127"/>
        <source>請求の任に当たる職員</source>
        <translation>Officer making the request</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="128"/>
        <source>法令上の根拠</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="128"/>
        <source>通数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="136"/>
        <source>附票の写しを発行（F8）</source>
        <translation>Issue the copy (F8)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="137"/>
        <source>印刷（Ctrl+P）</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="138"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="179"/>
        <source>除附票</source>
        <translation>除附票 (closed)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="179"/>
        <source>在籍</source>
        <translation>In use</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="180"/>
        <source>{count}件見つかりました</source>
        <translation>{count} found</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="181"/>
        <source>見つかりません</source>
        <translation>Nothing found</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="192"/>
        <source>（除附票）</source>
        <translation> (除附票, closed)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="193"/>
        <source>本籍 {honseki}　筆頭者 {head}{closed}</source>
        <translation>本籍 {honseki}  筆頭者 {head}{closed}</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="199"/>
        <source>支援措置</source>
        <translation>Protection (支援措置)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="201"/>
        <source>消除 {date} {reason}</source>
        <translation>Removed {date} {reason}</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="208"/>
        <source>国外転出者</source>
        <translation>Moved abroad</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="217"/>
        <source>F8 で{kind}を発行します</source>
        <translation>F8 issues the {kind}</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="223"/>
        <source>この人の本籍はこの町にありません（附票はありません）</source>
        <translation>This person's 本籍 is not in this town (no 附票 here)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="269"/>
        <source>{kind}を発行しました（手数料 {fee}円　発行番号 {numbers}）。Ctrl+P で印刷します</source>
        <translation>{kind} issued (fee {fee} yen, 発行番号 {numbers}). Ctrl+P prints it</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/dialog.py" line="288"/>
        <source>{pages}枚を印刷に送りました</source>
        <translation>{pages} pages sent to the printer</translation>
    </message>
</context>
<context>
    <name>FuhyoSection</name>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="26"/>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="26"/>
        <source>住所を定めた年月日</source>
        <translation>Date the address was set</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="43"/>
        <source>除附票</source>
        <translation>除附票 (closed)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="43"/>
        <source>戸籍の附票</source>
        <translation>戸籍の附票 (family register supplement)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="44"/>
        <source>{kind}　本籍 {honseki}　筆頭者 {head}（Shift+F8 で附票の写し）</source>
        <translation>{kind}  本籍 {honseki}  筆頭者 {head} (Shift+F8: a copy)</translation>
    </message>
    <message>
        <location filename="../../work/main/ui/fuhyo/person_section.py" line="46"/>
        <source>国外転出者</source>
        <translation>Moved abroad</translation>
    </message>
</context>
</TS>
