<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ja_JP">
<context>
    <name>AddressSection</name>
    <message>
        <location filename="../idou_sections.py" line="146"/>
        <source>例：さくら県みどり町本町2丁目3番4号</source>
        <translation>e.g. さくら県みどり町本町2丁目3番4号</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="149"/>
        <source>例：321-4901</source>
        <translation>e.g. 321-4901</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="173"/>
        <source>住所辞書：{0}</source>
        <translation>Address dictionary: {0}</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="174"/>
        <source>住所コード {0}</source>
        <translation>Address code {0}</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <location filename="../background_job.py" line="24"/>
        <source>予期しないエラーが起きました（{kind}: {error}）</source>
        <translation>An unexpected error occurred ({kind}: {error})</translation>
    </message>
</context>
<context>
    <name>CancelSection</name>
    <message>
        <location filename="../idou_sections.py" line="489"/>
        <source>取り消す異動</source>
        <translation>異動 to cancel</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="495"/>
        <source>履歴番号 {0}&#x3000;{1}（処理日 {2}）</source>
        <translation>History no. {0}: {1} (processed {2})</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="497"/>
        <source>取り消すと、この異動の前の記載に戻ります（転入などの記載は消除になります）。異動日は取り消す異動の異動日です。</source>
        <translation>Cancelling returns the record to what it was before this 異動 (a record made by a move-in or the like is removed). The 異動日 is that of the 異動 cancelled.</translation>
    </message>
</context>
<context>
    <name>CorrectionSection</name>
    <message>
        <location filename="../idou_sections.py" line="434"/>
        <source>修正する項目（{name}&#x3000;宛名番号 {atena}）</source>
        <translation>Items to correct ({name}, resident no. {atena})</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../idle_lock.py" line="21"/>
        <source>一定時間操作がなかったため画面をロックしました。サインインしてください</source>
        <translation>The screen was locked after a period without input. Please sign in.</translation>
    </message>
    <message>
        <location filename="../idle_lock.py" line="23"/>
        <source>サインアウトしました。次の方はサインインしてください</source>
        <translation>Signed out. The next person, please sign in.</translation>
    </message>
</context>
<context>
    <name>IdouDialog</name>
    <message>
        <location filename="../idou_dialog.py" line="75"/>
        <source>入力した異動はまだ登録されていません。閉じるにはもう一度 Esc を押してください</source>
        <translation>The 異動 entered has not been recorded yet. Press Esc again to close.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="77"/>
        <source>次の内容で登録します。よろしければ「登録」（Ctrl+Enter）、直すときは「戻る」（Esc）を押してください。</source>
        <translation>The following will be recorded. Press “Record” (Ctrl+Enter) if it is right, or “Back” (Esc) to correct it.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="79"/>
        <source>（登録時に付番）</source>
        <translation>(numbered when recorded)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="80"/>
        <source>支援措置の対象者です。加害者からの届出は受け付けません。届出人を本人確認書類で確かめ、新しい住所などを窓口で口にしないでください。</source>
        <translation>This person is under 支援措置 (protection). Notifications from the offender are not accepted. Check the notifier&apos;s identity documents, and do not say the new address or other items aloud at the counter.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="83"/>
        <source>記載・変更の内容</source>
        <translation>Recorded or changed</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="232"/>
        <source>消除（{reason}&#x3000;{date}）</source>
        <translation>Removed ({reason}, {date})</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="236"/>
        <source>{removal}&#x3000;転出先 {destination}</source>
        <translation>{removal}, moving to {destination}</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="239"/>
        <source>記載（生年月日 {birth}&#x3000;{sex}）</source>
        <translation>Recorded (born {birth}, {sex})</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="241"/>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="254"/>
        <source>{item}：{old} → {new}</source>
        <translation>{item}: {old} → {new}</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="257"/>
        <source>個人番号を変更</source>
        <translation>個人番号 changed</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="258"/>
        <source>、</source>
        <comment>separator between the changes</comment>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="258"/>
        <source>変更なし</source>
        <translation>No change</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="306"/>
        <source>異動の登録</source>
        <translation>Record a 異動</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="308"/>
        <source>異動の登録 ― {name}（宛名番号 {atena}）の世帯</source>
        <translation>Record a 異動 ― household of {name} (resident no. {atena})</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="408"/>
        <source>{reason}を登録しました。Enter でこの世帯を照会します。</source>
        <translation>{reason} recorded. Press Enter to look up this household.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="430"/>
        <source>{name}（{relation}）&#x3000;本人確認：{identification}</source>
        <translation>{name} ({relation}), identified by: {identification}</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="446"/>
        <source>確認（Ctrl+Enter）</source>
        <translation>Check (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="446"/>
        <location filename="../idou_dialog.py" line="448"/>
        <source>閉じる（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="447"/>
        <source>登録（Ctrl+Enter）</source>
        <translation>Record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="447"/>
        <source>戻る（Esc）</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="448"/>
        <source>照会（Enter）</source>
        <translation>Look up (Enter)</translation>
    </message>
</context>
<context>
    <name>IdouForm</name>
    <message>
        <location filename="../idou_dialog.py" line="72"/>
        <source>照会中の人がいません。転入以外は、対象の人を照会してから F6 を押してください</source>
        <translation>Nobody is being looked up. Except for a move-in, look up the person first, then press F6.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="91"/>
        <source>転入する人</source>
        <translation>Persons moving in</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="93"/>
        <source>住所（新しい世帯）</source>
        <translation>Address (new household)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="95"/>
        <source>国名（例：アメリカ合衆国）</source>
        <translation>Country (e.g. アメリカ合衆国)</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="97"/>
        <source>例：東京都千代田区千代田1番1号</source>
        <translation>e.g. 東京都千代田区千代田1番1号</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="104"/>
        <source>転居する人</source>
        <translation>Persons moving</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="106"/>
        <source>世帯の一部だけが転居するときは、その人たちの新しい続柄（世帯主を一人）を入力します。</source>
        <translation>When only part of the household moves, enter their new 続柄 (one 世帯主).</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="108"/>
        <source>新しい住所</source>
        <translation>New address</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="110"/>
        <source>転出する人</source>
        <translation>Persons moving out</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="113"/>
        <source>国名</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="115"/>
        <source>例：東京都港区芝公園4丁目2番8号</source>
        <translation>e.g. 東京都港区芝公園4丁目2番8号</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="118"/>
        <source>新しい続柄</source>
        <translation>New 続柄</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="120"/>
        <source>新しい世帯主の「新しい続柄」を世帯主にし、ほかの人の続柄を新しい世帯主から見た続柄に直します。</source>
        <translation>Set the new head&apos;s “New 続柄” to 世帯主, and the others&apos; 続柄 as seen from the new head.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="123"/>
        <source>分離する人</source>
        <translation>Persons separating</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="125"/>
        <source>新しい世帯に移る人を選び、その新しい続柄（世帯主を一人）を入力します。</source>
        <translation>Choose the persons who move to the new household and enter their new 続柄 (one 世帯主).</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="128"/>
        <source>合併する世帯の人</source>
        <translation>Members of the household merging</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="129"/>
        <source>この世帯の全員が合併先の世帯に入ります。合併先の世帯主から見た続柄を入力します。</source>
        <translation>Everyone in this household joins the other household. Enter each 続柄 as seen from its 世帯主.</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="131"/>
        <source>例：0001000004</source>
        <translation>e.g. 0001000004</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="136"/>
        <source>生まれた子（{name}の世帯に入ります）</source>
        <translation>Child born (joins the household of {name})</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="139"/>
        <source>死亡した人</source>
        <translation>Person deceased</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="173"/>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../idou_dialog.py" line="177"/>
        <source>異動</source>
        <translation>異動</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="51"/>
        <source>該当する人はいません</source>
        <translation>No one found</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="61"/>
        <source>窓口 ― 住民記録（{town}）</source>
        <translation>Madoguchi ― Resident Registry ({town})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="65"/>
        <source>除票を含む</source>
        <translation>Include removed (除票)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="67"/>
        <source>F2 検索</source>
        <translation>F2 Search</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="68"/>
        <source>F5 照会</source>
        <translation>F5 Look up</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="69"/>
        <source>F6 異動</source>
        <translation>F6 異動</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="71"/>
        <source>照会中の人の世帯の異動（転居・転出・世帯の変更・出生・死亡・職権修正）か、転入を登録します</source>
        <translation>Record a 異動 for the household shown (move, move-out, household change, birth, death, correction), or a move-in</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>管理(&amp;K)</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="157"/>
        <source>設定…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160"/>
        <source>要確認・競合・隔離…</source>
        <translation>Forks, conflicts, quarantine…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>職員の管理…</source>
        <translation>Staff…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165"/>
        <source>操作記録（監査ログ）…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>支援措置…</source>
        <translation>Protection (支援措置)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="171"/>
        <source>サインアウト(&amp;Q)</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>異動一覧・日計…</source>
        <translation>Day&apos;s 異動 and totals…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186"/>
        <location filename="../main_window.py" line="195"/>
        <source>係長以上の権限が必要です</source>
        <translation>Needs the 係長 role or above</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>付番待ち一覧…</source>
        <translation>Awaiting 個人番号…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="190"/>
        <source>人口統計…</source>
        <translation>Population statistics…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="338"/>
        <source>交付する人を照会してから F8 を押してください</source>
        <translation>Look up the person first, then press F8 to issue a certificate</translation>
    </message>
    <message>
        <location filename="../search_input.py" line="17"/>
        <source>12桁の番号は個人番号として Enter で検索します</source>
        <translation>A 12-digit number is searched as a 個人番号 on Enter</translation>
    </message>
    <message>
        <location filename="../search_input.py" line="44"/>
        <source>{kind}検索 {count}件</source>
        <translation>{kind} search: {count}</translation>
    </message>
    <message>
        <location filename="../search_input.py" line="47"/>
        <source>&#x3000;さらにあります（条件を加えて絞り込んでください）</source>
        <translation> ― there are more (add to the search to narrow it down)</translation>
    </message>
</context>
<context>
    <name>MembersSection</name>
    <message>
        <location filename="../idou_sections.py" line="214"/>
        <source>対象</source>
        <translation>Included</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="215"/>
        <source>新しい続柄</source>
        <translation>New 続柄</translation>
    </message>
</context>
<context>
    <name>NotifierSection</name>
    <message>
        <location filename="../idou_sections.py" line="98"/>
        <source>届出</source>
        <translation>Notification</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="102"/>
        <source>氏と名の間に全角空白</source>
        <translation>A full-width space between surname and given name</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="113"/>
        <source>届出日</source>
        <translation>Date notified</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="114"/>
        <source>届出人の氏名</source>
        <translation>Notifier&apos;s name</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="115"/>
        <source>届出人の続柄</source>
        <translation>Notifier&apos;s relation</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="116"/>
        <source>本人確認の方法</source>
        <translation>Identified by</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../passphrase_dialog.py" line="13"/>
        <source>窓口 ― 端末の合言葉</source>
        <translation>Madoguchi ― Terminal passphrase</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="23"/>
        <source>開く</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="24"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../passphrase_dialog.py" line="32"/>
        <source>端末の合言葉</source>
        <translation>Terminal passphrase</translation>
    </message>
</context>
<context>
    <name>PersonTableModel</name>
    <message>
        <location filename="../person_table_model.py" line="32"/>
        <source>要確認</source>
        <translation>to check</translation>
    </message>
    <message>
        <location filename="../person_table_model.py" line="33"/>
        <source>並行して登録された異動があります。内容を確認してください</source>
        <translation>異動 were recorded concurrently for this person. Check the record.</translation>
    </message>
    <message>
        <location filename="../person_table_model.py" line="35"/>
        <source>（読み込めません）</source>
        <translation>(cannot be read)</translation>
    </message>
</context>
<context>
    <name>PersonView</name>
    <message>
        <location filename="../person_view.py" line="37"/>
        <source>検索結果から人を選び、Enter または F5 で照会します</source>
        <translation>Choose a person in the results and press Enter or F5 to look them up</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="38"/>
        <source>要確認&#x3000;この方には並行して登録された異動が{count}件あります。係長が職権修正で確定するまで、記載内容を確認してから交付・異動してください。</source>
        <translation>Check: {count} 異動 were recorded concurrently for this person. Until a 係長 settles them by a correction, check the record before issuing or recording anything.</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="40"/>
        <source>支援措置&#x3000;この方は支援措置の対象です。住所などの記載事項を電話や口頭で伝えないでください。</source>
        <translation>支援措置: this person is under protection. Do not give the address or any other item by phone or aloud.</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="42"/>
        <source>交付: 加害者には交付しません。本人には写真付きの本人確認書類（{ids}）で、それ以外の請求は係長の判断を得て交付します。</source>
        <translation>Certificates: never to the offender. To the person with a photo ID ({ids}); any other request only with a 係長&apos;s judgment.</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="44"/>
        <source>異動: 加害者からの届出は受け付けません。</source>
        <translation>異動: notifications from the offender are not accepted.</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="45"/>
        <source>（終了日を過ぎていますが、端末の時刻をクラウドの時刻で確認できるまで継続します）</source>
        <translation> (past its end date, but kept until the terminal&apos;s clock is confirmed against the cloud)</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="49"/>
        <source>付番待ち</source>
        <translation>Awaiting number</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="50"/>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="50"/>
        <source>隠す</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="89"/>
        <source>{date}まで</source>
        <translation>until {date}</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="92"/>
        <source>（別の端末での延長・終了が重なっています。長い方の期間で継続中）</source>
        <translation> (extended or ended on another terminal at the same time; the longer period holds)</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="94"/>
        <source>抑止: {processes}&#x3000;{until}{concurrent}</source>
        <translation>Restricted: {processes}, {until}{concurrent}</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="98"/>
        <source>加害者: {names}</source>
        <translation>Offender: {names}</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="241"/>
        <source>F8 交付</source>
        <translation>F8 Issue</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="243"/>
        <source>この人の証明書（住民票の写し・除票の写し・記載事項証明書・転出証明書）を交付します</source>
        <translation>Issue this person&apos;s certificates (住民票の写し, 除票の写し, 記載事項証明書, 転出証明書)</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="248"/>
        <source>支援措置…</source>
        <translation>Protection (支援措置)…</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="250"/>
        <source>この人の支援措置（開始・延長・終了）を設定します（係長以上）</source>
        <translation>Set this person&apos;s protection (start, extend, end; 係長 and above)</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="277"/>
        <source>個人番号をすべて表示します</source>
        <translation>Show the whole 個人番号</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="290"/>
        <source>異動履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../person_view.py" line="294"/>
        <source>世帯</source>
        <translation>Household</translation>
    </message>
</context>
<context>
    <name>PersonsSection</name>
    <message>
        <location filename="../idou_sections.py" line="359"/>
        <source>人を追加（Ctrl+N）</source>
        <translation>Add a person (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="362"/>
        <source>選んだ人を削除</source>
        <translation>Remove the person chosen</translation>
    </message>
    <message>
        <location filename="../idou_sections.py" line="369"/>
        <source>氏と名の間は全角空白。フリガナはカタカナ（ひらがなも可）。個人番号が分からないときは空欄（付番待ち）。本籍が無い・分からないときは本籍に「なし」「不明」。</source>
        <translation>A full-width space between surname and given name. フリガナ in katakana (hiragana is accepted). Leave the 個人番号 empty when it is not known (awaiting a number). Without a known 本籍, enter 「なし」 or 「不明」.</translation>
    </message>
</context>
<context>
    <name>RegistryStatusBar</name>
    <message>
        <location filename="../status_bar.py" line="13"/>
        <source>クラウド同期: 未設定</source>
        <translation>Cloud sync: not set up</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="23"/>
        <source>同期中…</source>
        <translation>syncing…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="25"/>
        <source>オフライン</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="27"/>
        <source>同期できません</source>
        <translation>cannot sync</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="29"/>
        <source>オンライン</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="31"/>
        <source>なし</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="32"/>
        <source>クラウド: {state}</source>
        <translation>Cloud: {state}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="33"/>
        <source>未送信 {count} 件</source>
        <translation>{count} unsent</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="34"/>
        <source>最終同期 {time}</source>
        <translation>last sync {time}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="36"/>
        <source>要確認 {count} 人</source>
        <translation>{count} to check</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="38"/>
        <source>競合 {count} 件</source>
        <translation>{count} conflicts</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="40"/>
        <source>隔離 {count} 件</source>
        <translation>{count} quarantined</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="43"/>
        <source>端末の時計が{minutes}分進んでいます</source>
        <translation>the terminal&apos;s clock is {minutes} min fast</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="45"/>
        <source>端末の時計が{minutes}分遅れています</source>
        <translation>the terminal&apos;s clock is {minutes} min slow</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="47"/>
        <source>&#x3000;</source>
        <comment>separator between the parts</comment>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="56"/>
        <source>端末: {terminal}</source>
        <translation>Terminal: {terminal}</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="59"/>
        <source>この端末はまだ自治体クラウドと同期するよう設定されていません</source>
        <translation>This terminal is not yet set up to sync with the municipality&apos;s cloud</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="60"/>
        <source>今すぐ同期</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="63"/>
        <source>要確認・競合・隔離</source>
        <translation>Forks, conflicts, quarantine</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="69"/>
        <source>デモデータ（架空の住民）</source>
        <translation>Demo data (fictional residents)</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="79"/>
        <source>職員: {name}&#x3000;権限: {role}</source>
        <translation>Staff: {name}  Role: {role}</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <location filename="../search_field.py" line="9"/>
        <source>氏名・フリガナ・生年月日・住所・宛名番号で検索（個人番号は Enter）</source>
        <translation>Search by name, フリガナ, birth date, address or resident no. (個人番号 on Enter)</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../idou_sections.py" line="59"/>
        <source>例：R8.11.27、令和8年11月27日、2026-11-27</source>
        <translation>e.g. R8.11.27, 令和8年11月27日, 2026-11-27</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../sign_in_dialog.py" line="41"/>
        <source>窓口 ― サインイン</source>
        <translation>Madoguchi ― Sign in</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="44"/>
        <source>住民記録システム&#x3000;サインイン</source>
        <translation>Resident Registry  Sign in</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="57"/>
        <source>認証アプリの6桁の数字</source>
        <translation>The 6 digits of the authenticator app</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="60"/>
        <source>ユーザID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="61"/>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="62"/>
        <source>ワンタイムパスワード</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="72"/>
        <source>サインイン</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="73"/>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="85"/>
        <source>デモの町です。ユーザID demo、パスワード demo でサインインできます。</source>
        <translation>This is the demo town. Sign in with user ID demo and password demo.</translation>
    </message>
    <message>
        <location filename="../sign_in_dialog.py" line="126"/>
        <source>ユーザIDを入力してください</source>
        <translation>Enter your user ID</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="32"/>
        <source>窓口</source>
        <translation>Madoguchi</translation>
    </message>
    <message>
        <location filename="../app.py" line="38"/>
        <source>窓口 ― エラー</source>
        <translation>Madoguchi ― Error</translation>
    </message>
    <message>
        <location filename="../app.py" line="40"/>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../app.py" line="46"/>
        <source>{town}&#x3000;端末 {terminal}</source>
        <translation>{town}  Terminal {terminal}</translation>
    </message>
</context>
</TS>
