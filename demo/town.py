"""A synthetic population of a fictional town (さくら県みどり町) for the demo replica and for benchmarks.

Every name, address, 本籍 and number here is made up: the prefecture and the town do not exist, 個人番号 are random
(with a valid check digit) and 住民票コード are random. `demo_requests` yields 異動 requests in the JSON form that
`domain.idou.plan_idou` accepts (see `_record` and `_new_person` there): one 国内転入 or 国外転入等 per household,
each into a new household, registering exactly the number of persons asked for.

The output depends only on (residents, seed, today): all randomness comes from one `random.Random(seed)`, and no
set or dict of strings is ever iterated. It is built for speed (300,000 residents in a few seconds): weighted
choices are a bisect on precomputed cumulative weights, dates are day ordinals until they are written out.

Households, by share of households (Japanese; about 2 % of persons are foreign residents):
    single person 35 %, couple 22 %, couple with children 22 %, one parent with children 7 %,
    three generations 9 % (父/母 or 妻の父/妻の母 of the head; or an elderly head with 子, 子の妻/子の夫, 子の子),
    siblings 2 %, 妻(未届) 1.5 %, 同居人 1.5 %, 縁故者 1 %.
Rules the data keeps: one 世帯主 per household, listed first; a parent is at least 20 years older than a child;
spouses are within about ten years of each other; 夫 is 男 and 妻 is 女; 氏名 and フリガナ have a full-width space
between 氏 and 名; 異動日 lies between the youngest member's birth and today, 届出日 0–14 days later but not after
today.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from itertools import accumulate
from math import ceil
from typing import Any, Generic, TypeVar

from domain.address_book import Chouaza

DEMO_MUNICIPALITY: dict[str, str] = {
    "name": "みどり町",
    "prefecture": "さくら県",
    # No prefecture has the number 99, so this 団体コード cannot be a real one.
    "code5": "99301",
    "mayor": "緑川　誠一",
}

T = TypeVar("T")
Name = tuple[str, str]  # (kanji or katakana, katakana reading)
ForeignName = tuple[str, str, str]  # (name as registered, katakana reading, alphabet)

_SPACE = "\u3000"
_YEAR = 365.2425
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# --- name data -----------------------------------------------------------------------------------------------------
# Lists are in rough order of frequency; weights fall off with rank (see _ranked).


def _names(text: str) -> tuple[Name, ...]:
    pairs = tuple(item.split(":") for item in text.split())
    return tuple((kanji, kana) for kanji, kana in pairs)


_FAMILY = _names("""
佐藤:サトウ 鈴木:スズキ 高橋:タカハシ 田中:タナカ 伊藤:イトウ 渡辺:ワタナベ 山本:ヤマモト 中村:ナカムラ
小林:コバヤシ 加藤:カトウ 吉田:ヨシダ 山田:ヤマダ 佐々木:ササキ 山口:ヤマグチ 松本:マツモト 井上:イノウエ
木村:キムラ 林:ハヤシ 斎藤:サイトウ 清水:シミズ 山崎:ヤマザキ 森:モリ 池田:イケダ 橋本:ハシモト 阿部:アベ
石川:イシカワ 山下:ヤマシタ 中島:ナカジマ 石井:イシイ 小川:オガワ 前田:マエダ 岡田:オカダ 長谷川:ハセガワ
藤田:フジタ 後藤:ゴトウ 近藤:コンドウ 村上:ムラカミ 遠藤:エンドウ 青木:アオキ 坂本:サカモト 斉藤:サイトウ
福田:フクダ 太田:オオタ 西村:ニシムラ 藤井:フジイ 金子:カネコ 岡本:オカモト 藤原:フジワラ 中野:ナカノ
三浦:ミウラ 原田:ハラダ 中川:ナカガワ 松田:マツダ 竹内:タケウチ 小野:オノ 田村:タムラ 中山:ナカヤマ 和田:ワダ
石田:イシダ 森田:モリタ 上田:ウエダ 原:ハラ 内田:ウチダ 柴田:シバタ 酒井:サカイ 宮崎:ミヤザキ 横山:ヨコヤマ
高木:タカギ 安藤:アンドウ 宮本:ミヤモト 大野:オオノ 小島:コジマ 谷口:タニグチ 今井:イマイ 工藤:クドウ
高田:タカダ 増田:マスダ 丸山:マルヤマ 杉山:スギヤマ 村田:ムラタ 大塚:オオツカ 小山:コヤマ 藤本:フジモト
平野:ヒラノ 新井:アライ 河野:コウノ 上野:ウエノ 野口:ノグチ 武田:タケダ 松井:マツイ 千葉:チバ 岩崎:イワサキ
菅原:スガワラ 木下:キノシタ 久保:クボ 佐野:サノ 野村:ノムラ 松尾:マツオ 市川:イチカワ 菊地:キクチ
杉本:スギモト 古川:フルカワ 大西:オオニシ 島田:シマダ 水野:ミズノ 桜井:サクライ 高野:タカノ 渡部:ワタナベ
吉川:ヨシカワ 山内:ヤマウチ 西田:ニシダ 飯田:イイダ 菊池:キクチ 西川:ニシカワ 小松:コマツ 北村:キタムラ
安田:ヤスダ 五十嵐:イガラシ 川口:カワグチ 平田:ヒラタ 関:セキ 中田:ナカタ 久保田:クボタ 服部:ハットリ
東:ヒガシ 岩田:イワタ 土屋:ツチヤ 川崎:カワサキ 福島:フクシマ 本田:ホンダ 辻:ツジ 樋口:ヒグチ 秋山:アキヤマ
田口:タグチ 永井:ナガイ 山中:ヤマナカ 中西:ナカニシ 吉村:ヨシムラ 川上:カワカミ 石原:イシハラ 大橋:オオハシ
松岡:マツオカ 馬場:ババ 浅野:アサノ 荒木:アラキ 大久保:オオクボ 野田:ノダ 小沢:オザワ 田辺:タナベ
川村:カワムラ 星野:ホシノ 黒田:クロダ 堀:ホリ 尾崎:オザキ 望月:モチヅキ 永田:ナガタ 熊谷:クマガイ
内藤:ナイトウ 松浦:マツウラ 大島:オオシマ 平井:ヒライ 早川:ハヤカワ 岩本:イワモト 片山:カタヤマ 桑原:クワハラ
岡崎:オカザキ 小池:コイケ 中尾:ナカオ 松下:マツシタ 森本:モリモト 宮田:ミヤタ 高山:タカヤマ 西山:ニシヤマ
堀内:ホリウチ 大石:オオイシ 関口:セキグチ 今村:イマムラ 小西:コニシ 大谷:オオタニ 須藤:スドウ 河合:カワイ
吉岡:ヨシオカ 萩原:ハギワラ 坂口:サカグチ 小田:オダ 岡村:オカムラ 荒井:アライ 宮下:ミヤシタ 北川:キタガワ
杉浦:スギウラ 沢田:サワダ 相馬:ソウマ 根本:ネモト 成田:ナリタ 水谷:ミズタニ 浜田:ハマダ 大川:オオカワ
佐久間:サクマ 福井:フクイ 小倉:オグラ 栗原:クリハラ 松村:マツムラ 植田:ウエダ 竹田:タケダ 長尾:ナガオ
内山:ウチヤマ 堀田:ホッタ 野崎:ノザキ 三宅:ミヤケ 志村:シムラ 日高:ヒダカ 白石:シライシ 大森:オオモリ
篠原:シノハラ 梅田:ウメダ 秋元:アキモト 矢野:ヤノ 榎本:エノモト 米田:ヨネダ 岸本:キシモト 細川:ホソカワ
飯島:イイジマ 若林:ワカバヤシ 上原:ウエハラ 三上:ミカミ 土井:ドイ 神田:カンダ 川島:カワシマ 須田:スダ
浅井:アサイ 村井:ムライ 江口:エグチ 筒井:ツツイ 奥村:オクムラ 西岡:ニシオカ 高島:タカシマ 宇野:ウノ
広瀬:ヒロセ 稲垣:イナガキ 三好:ミヨシ 石黒:イシグロ 小野寺:オノデラ 寺田:テラダ 片岡:カタオカ 滝沢:タキザワ
竹中:タケナカ 手塚:テヅカ 入江:イリエ 金井:カナイ 堤:ツツミ 緒方:オガタ 八木:ヤギ 藤岡:フジオカ 梶原:カジワラ
関根:セキネ 岩井:イワイ 落合:オチアイ 森下:モリシタ 牧野:マキノ 茂木:モテギ 西尾:ニシオ 古田:フルタ
庄司:ショウジ 笠原:カサハラ 大和田:オオワダ 小笠原:オガサワラ 宇佐美:ウサミ 東海林:ショウジ 四方田:ヨモダ
一条:イチジョウ
""")
# MJ / variant characters, each at a low frequency (share of households): 髙 (はしご高), 𠮷 (つちよし, outside the
# BMP), 邉 and 邊, 﨑 (たつさき), 齋 and 齊, 澤, 濱, 廣, and 葛 with the ideographic variation selector VS17.
_FAMILY_VARIANTS: tuple[tuple[str, str, float], ...] = (
    ("髙橋", "タカハシ", 0.0015),
    ("\U00020BB7田", "ヨシダ", 0.0010),
    ("渡邉", "ワタナベ", 0.0015),
    ("渡邊", "ワタナベ", 0.0010),
    ("山﨑", "ヤマザキ", 0.0010),
    ("齋藤", "サイトウ", 0.0015),
    ("齊藤", "サイトウ", 0.0008),
    ("澤田", "サワダ", 0.0006),
    ("濱田", "ハマダ", 0.0006),
    ("廣瀬", "ヒロセ", 0.0005),
    ("葛\U000E0100城", "カツラギ", 0.0008),
    ("葛\U000E0100西", "カサイ", 0.0005),
)

# Given names by the era of birth: _OLD before about 1960, _MID until about 1990, _YOUNG after.
_MALE_OLD = _names("""
清:キヨシ 茂:シゲル 勇:イサム 博:ヒロシ 実:ミノル 進:ススム 正:タダシ 隆:タカシ 武:タケシ 明:アキラ 稔:ミノル
修:オサム 勝:マサル 正雄:マサオ 和夫:カズオ 幸雄:ユキオ 義雄:ヨシオ 秀夫:ヒデオ 健一:ケンイチ 誠:マコト
一郎:イチロウ 三郎:サブロウ 正男:マサオ 光男:ミツオ 利夫:トシオ 敏夫:トシオ 功:イサオ 豊:ユタカ 久雄:ヒサオ
昭二:ショウジ 良一:リョウイチ 正治:マサハル 文雄:フミオ 国男:クニオ 勲:イサオ 浩:ヒロシ 春男:ハルオ 徹:トオル
保:タモツ 栄一:エイイチ 孝:タカシ 輝男:テルオ 忠:タダシ 仁:ヒトシ 芳雄:ヨシオ 重雄:シゲオ 昇:ノボル 満:ミツル
巌:イワオ 肇:ハジメ 正一:ショウイチ 武志:タケシ 治:オサム 幸一:コウイチ 信夫:ノブオ 英二:エイジ 龍雄:タツオ
弘:ヒロシ 昭:アキラ 次郎:ジロウ 喜一:キイチ
""")
_MALE_MID = _names("""
大輔:ダイスケ 健太:ケンタ 拓也:タクヤ 直樹:ナオキ 和也:カズヤ 達也:タツヤ 哲也:テツヤ 剛:ツヨシ 浩二:コウジ
聡:サトシ 学:マナブ 秀樹:ヒデキ 裕之:ヒロユキ 智之:トモユキ 洋平:ヨウヘイ 雅之:マサユキ 隆之:タカユキ
淳:ジュン 亮:リョウ 健二:ケンジ 修一:シュウイチ 慎一:シンイチ 康弘:ヤスヒロ 英樹:ヒデキ 伸也:シンヤ
俊介:シュンスケ 勝也:カツヤ 宏:ヒロシ 健太郎:ケンタロウ 純一:ジュンイチ 浩一:コウイチ 雄一:ユウイチ
貴之:タカユキ 直人:ナオト 圭介:ケイスケ 大介:ダイスケ 和彦:カズヒコ 正樹:マサキ 裕介:ユウスケ 賢治:ケンジ
敦:アツシ 智:サトシ 勇気:ユウキ 竜也:タツヤ 昌弘:マサヒロ 洋介:ヨウスケ 幸太郎:コウタロウ 一樹:カズキ
秀明:ヒデアキ 克也:カツヤ 博之:ヒロユキ 茂樹:シゲキ 徹也:テツヤ 俊彦:トシヒコ 尚樹:ナオキ 慎吾:シンゴ
悟:サトル 恭平:キョウヘイ 淳一:ジュンイチ 亮介:リョウスケ
""")
_MALE_YOUNG = _names("""
翔太:ショウタ 蓮:レン 大翔:ヒロト 悠真:ユウマ 陽翔:ハルト 湊:ミナト 颯太:ソウタ 拓海:タクミ 翔:ショウ
大和:ヤマト 陸:リク 悠斗:ユウト 蒼:アオイ 樹:イツキ 海斗:カイト 大輝:ダイキ 優斗:ユウト 翼:ツバサ 颯:ハヤテ
陽太:ヨウタ 奏太:ソウタ 結翔:ユイト 朝陽:アサヒ 律:リツ 陽向:ヒナタ 瑛太:エイタ 智也:トモヤ 健斗:ケント
駿:シュン 亮太:リョウタ 航:ワタル 蒼空:ソラ 碧:アオ 悠人:ユウト 遥斗:ハルト 康太:コウタ 和真:カズマ
拓真:タクマ 悠:ユウ 蒼真:ソウマ 凛太郎:リンタロウ 晴:ハル 新:アラタ 隼人:ハヤト 優太:ユウタ 光:ヒカル 慶:ケイ
一輝:カズキ 龍之介:リュウノスケ 誠也:セイヤ 将太:ショウタ 大雅:タイガ 啓太:ケイタ 雄大:ユウダイ
琉生:リュウセイ 悠希:ユウキ 匠:タクミ 陽:ハル 岳:ガク 怜:レイ
""")
_FEMALE_OLD = _names("""
和子:カズコ 幸子:サチコ 節子:セツコ 洋子:ヨウコ 恵子:ケイコ 京子:キョウコ 美智子:ミチコ 久子:ヒサコ
弘子:ヒロコ 典子:ノリコ 悦子:エツコ 順子:ジュンコ 敏子:トシコ 文子:フミコ 春子:ハルコ 光子:ミツコ 静子:シズコ
信子:ノブコ 照子:テルコ 貞子:サダコ 千代子:チヨコ 正子:マサコ 清子:キヨコ 孝子:タカコ 礼子:レイコ 良子:ヨシコ
八重子:ヤエコ 君子:キミコ 美代子:ミヨコ 芳子:ヨシコ 昭子:アキコ 澄子:スミコ 富子:トミコ 登美子:トミコ
紀子:ノリコ 和江:カズエ ハナ:ハナ トメ:トメ キヨ:キヨ ウメ:ウメ 咲子:サキコ 道子:ミチコ 百合子:ユリコ
邦子:クニコ 勝子:カツコ 栄子:エイコ 静江:シズエ 初江:ハツエ ミツ:ミツ 公子:キミコ 寿子:ヒサコ 喜代子:キヨコ
房子:フサコ 絹子:キヌコ 陽子:ヨウコ 町子:マチコ 須美子:スミコ 治子:ハルコ
""")
_FEMALE_MID = _names("""
裕子:ユウコ 真由美:マユミ 久美子:クミコ 直美:ナオミ 智子:トモコ 由美子:ユミコ 明美:アケミ 美穂:ミホ 恵美:エミ
香織:カオリ 美香:ミカ 麻衣:マイ 愛:アイ 彩:アヤ 恵:メグミ 真理子:マリコ 由香:ユカ 亜希子:アキコ 美紀:ミキ
理恵:リエ 貴子:タカコ 純子:ジュンコ 千尋:チヒロ 沙織:サオリ 奈美:ナミ 舞:マイ 幸恵:ユキエ 友美:トモミ
優子:ユウコ 里美:サトミ 美和:ミワ 裕美:ヒロミ 瞳:ヒトミ 綾:アヤ 麻美:アサミ 亜紀:アキ 真紀:マキ 玲子:レイコ
加奈子:カナコ 由紀:ユキ 佳子:ヨシコ 朋子:トモコ 弥生:ヤヨイ みどり:ミドリ 直子:ナオコ 美奈子:ミナコ
美由紀:ミユキ 環:タマキ 薫:カオル 静香:シズカ 尚美:ナオミ 雅美:マサミ 美帆:ミホ 晴美:ハルミ 仁美:ヒトミ
千秋:チアキ 敦子:アツコ 恭子:キョウコ
""")
_FEMALE_YOUNG = _names("""
陽菜:ヒナ 結衣:ユイ 葵:アオイ 凛:リン 美咲:ミサキ 結菜:ユイナ 芽依:メイ 莉子:リコ 紬:ツムギ さくら:サクラ
花:ハナ 彩花:アヤカ 美羽:ミウ 杏:アン 心春:コハル 楓:カエデ 七海:ナナミ 優奈:ユウナ 愛菜:マナ 真央:マオ
明日香:アスカ 萌:モエ 遥:ハルカ 美月:ミヅキ 彩乃:アヤノ 千夏:チナツ 菜々子:ナナコ 未来:ミク 日菜子:ヒナコ
琴音:コトネ 杏奈:アンナ 結愛:ユア 咲良:サクラ 沙耶:サヤ 美優:ミユ 柚希:ユズキ 桃子:モモコ 詩織:シオリ
夏美:ナツミ 由依:ユイ 梨花:リカ 若菜:ワカナ 茜:アカネ 里奈:リナ 亜美:アミ 友香:トモカ 美緒:ミオ 葉月:ハヅキ
心:ココロ 澪:ミオ 陽葵:ヒマリ 芽生:メイ ひまり:ヒマリ 凪:ナギ 朱里:アカリ 灯:アカリ 彩香:アヤカ 奈々:ナナ
紗希:サキ 真優:マユ
""")
# Old forms (旧字) of given names, at a low frequency (share of persons of that sex and era).
_MALE_VARIANTS = {"old": (("榮一", "エイイチ", 0.002), ("德治", "トクジ", 0.001)), "mid": (("眞一", "シンイチ", 0.002),)}
_FEMALE_VARIANTS = {
    "old": (("惠子", "ケイコ", 0.002), ("榮子", "エイコ", 0.0015)),
    "mid": (("眞理子", "マリコ", 0.002), ("彌生", "ヤヨイ", 0.001)),
}


def _foreign_names(text: str) -> tuple[ForeignName, ...]:
    """「カナ:ALPHA」 (the name is registered in katakana) or 「漢字:カナ:ALPHA」."""
    out = []
    for item in text.split():
        parts = item.split(":")
        name, kana, alpha = (parts[0], parts[0], parts[1]) if len(parts) == 2 else parts
        out.append((name, kana, alpha.replace("_", " ")))
    return tuple(out)


# nationality -> (family names, male given names, female given names, male middle names, female middle names,
#                 whether a wife takes her husband's family name)
_FOREIGN: dict[str, tuple[Any, ...]] = {
    "ベトナム": (
        _foreign_names("グエン:NGUYEN チャン:TRAN レ:LE ファム:PHAM ホアン:HOANG ヴー:VU ダン:DANG ブイ:BUI ドー:DO ゴー:NGO"),
        _foreign_names("アン:AN ミン:MINH フン:HUNG トゥアン:TUAN ズン:DUNG ナム:NAM クアン:QUANG ティエン:TIEN"),
        _foreign_names("ラン:LAN フオン:PHUONG ハー:HA マイ:MAI リン:LINH トゥー:THU ゴック:NGOC フエ:HUE"),
        _foreign_names("ヴァン:VAN ドゥック:DUC"),
        _foreign_names("ティ:THI"),
        False,
    ),
    "中国": (
        _foreign_names("王:ワン:WANG 李:リー:LI 張:チャン:ZHANG 劉:リュウ:LIU 陳:チェン:CHEN 楊:ヤン:YANG 趙:チャオ:ZHAO "
                       "黄:ホアン:HUANG 周:チョウ:ZHOU 呉:ウー:WU"),
        _foreign_names("偉:ウェイ:WEI 強:チアン:QIANG 磊:レイ:LEI 軍:ジュン:JUN 浩:ハオ:HAO 傑:ジエ:JIE 涛:タオ:TAO "
                       "建国:ジェングオ:JIANGUO"),
        _foreign_names("芳:ファン:FANG 娜:ナー:NA 敏:ミン:MIN 静:ジン:JING 麗:リー:LI 婷:ティン:TING 雪:シュエ:XUE "
                       "秀英:シウイン:XIUYING"),
        (),
        (),
        False,
    ),
    "韓国": (
        _foreign_names("金:キム:KIM 李:イ:LEE 朴:パク:PARK 崔:チェ:CHOI 鄭:チョン:JUNG 姜:カン:KANG 趙:チョ:CHO "
                       "尹:ユン:YOON 張:チャン:JANG 林:イム:LIM"),
        _foreign_names("民俊:ミンジュン:MINJUN 英秀:ヨンス:YOUNGSOO 成浩:ソンホ:SUNGHO 東旭:ドンウク:DONGWOOK "
                       "在勲:ジェフン:JAEHOON 哲洙:チョルス:CHULSOO 相佑:サンウ:SANGWOO"),
        _foreign_names("美英:ミヨン:MIYOUNG 英姫:ヨンヒ:YOUNGHEE 恩恵:ウネ:EUNHYE 秀珍:スジン:SUJIN 智慧:ジヘ:JIHYE "
                       "順子:スンジャ:SOONJA 敏貞:ミンジョン:MINJEONG"),
        (),
        (),
        False,
    ),
    "フィリピン": (
        _foreign_names("サントス:SANTOS レイエス:REYES クルス:CRUZ ガルシア:GARCIA メンドーサ:MENDOZA ラモス:RAMOS "
                       "バウティスタ:BAUTISTA ビリャヌエバ:VILLANUEVA デラクルス:DELA_CRUZ フローレス:FLORES"),
        _foreign_names("ジョン:JOHN マーク:MARK ホセ:JOSE ミゲル:MIGUEL ジェイソン:JASON ライアン:RYAN"),
        _foreign_names("マリア:MARIA アンジェリカ:ANGELICA ジャスミン:JASMINE クリスティン:KRISTINE ロウェナ:ROWENA "
                       "メアリー:MARY"),
        (),
        (),
        True,
    ),
    "ブラジル": (
        _foreign_names("シルバ:SILVA サントス:SANTOS オリヴェイラ:OLIVEIRA ソウザ:SOUZA ペレイラ:PEREIRA リマ:LIMA "
                       "コスタ:COSTA フェレイラ:FERREIRA ロドリゲス:RODRIGUES ナカムラ:NAKAMURA ヒガ:HIGA"),
        _foreign_names("ルーカス:LUCAS ガブリエル:GABRIEL マテウス:MATHEUS ラファエル:RAFAEL ペドロ:PEDRO "
                       "ジョアン:JOAO"),
        _foreign_names("アナ:ANA ジュリア:JULIA ベアトリス:BEATRIZ カミラ:CAMILA フェルナンダ:FERNANDA "
                       "レチシア:LETICIA"),
        (),
        (),
        True,
    ),
}

# --- places --------------------------------------------------------------------------------------------------------

_TOWN = DEMO_MUNICIPALITY["prefecture"] + DEMO_MUNICIPALITY["name"]
# 町字: name, number of 丁目, weight (how many people live there). 住所コード = 3-digit 町字 number + 3-digit 丁目;
# 郵便番号 = one per 町字.
_AREAS: tuple[tuple[str, int, float], ...] = (
    ("本町", 4, 9), ("中町", 3, 7), ("東町", 3, 6), ("西町", 3, 6), ("南町", 2, 5), ("北町", 2, 5),
    ("駅前", 3, 7), ("栄", 3, 5), ("寿", 2, 4), ("春日", 3, 5), ("宮前", 2, 4), ("新田", 2, 3),
    ("川端", 2, 3), ("松原", 3, 4), ("緑が丘", 5, 8), ("桜台", 4, 6), ("梅が丘", 3, 4), ("青葉台", 4, 5),
    ("若葉", 2, 3), ("朝日ケ丘", 3, 4),
)
AREA_CODES: dict[str, str] = {name: f"{i + 1:03d}" for i, (name, _, _) in enumerate(_AREAS)}
POSTAL_CODES: dict[str, str] = {name: f"321-49{i + 1:02d}" for i, (name, _, _) in enumerate(_AREAS)}
_GO_MAX = 30  # 号 1..30 in each 番

_APARTMENT_FORMS = ("{w}ハイツ", "コーポ{w}", "メゾン{a}", "サンハイム{a}", "グランドール{a}", "レジデンス{w}",
                    "{a}マンション", "ハイム{w}", "パレス{a}", "{w}荘", "アーバン{a}", "{w}コート")
_APARTMENT_WORDS = ("みどり", "さくら", "ひまわり", "あおば", "けやき", "つばさ", "ひかり", "すみれ", "かえで",
                    "わかば", "富士見", "松風", "白鳥", "いちょう", "こもれび")

# Fictional prefectures and municipalities elsewhere (for 転入前住所 and 本籍), with some of their 町字.
_ELSEWHERE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("さくら県はなみ市", ("中央", "城山", "旭町", "港南")),
    ("さくら県こずえ町", ("本郷", "上野原", "下野原")),
    ("あおば県ひかり市", ("中央", "駅南", "錦町", "大手町", "泉")),
    ("あおば県のぞみ市", ("本町", "花園", "若松")),
    ("かえで県星川市", ("東雲", "鶴見", "城北", "新町")),
    ("かえで県つばさ町", ("北山", "南山", "川西")),
    ("ひばり県月見市", ("千歳", "柳町", "元町", "緑町")),
    ("すずらん県白鷺市", ("中央", "浜町", "栄町")),
    ("つばき県千鳥市", ("本町", "桜木", "八幡")),
    ("わかば県若草村", ("上郷", "下郷")),
    ("こまち県こだま市", ("中央", "日の出", "寿町", "弥生")),
)
_ABROAD = ("アメリカ合衆国", "シンガポール", "ドイツ", "オーストラリア", "タイ", "イギリス", "カナダ")

_ID_JAPANESE = (("個人番号カード", 55), ("運転免許証", 33), ("旅券", 5), ("資格確認書", 7))  # 健康保険証: no longer issued since 2024-12
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


# --- weighted choice -----------------------------------------------------------------------------------------------


class _Table(Generic[T]):
    """A weighted choice by one call to random() and a bisect."""

    __slots__ = ("cum", "items", "last", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]
        self.last = len(self.items) - 1

    def pick(self, r: float) -> T:
        i = bisect(self.cum, r * self.total)
        return self.items[min(i, self.last)]


def _ranked(names: Sequence[Name], offset: float, variants: Sequence[tuple[str, str, float]] = ()) -> _Table[Name]:
    """Weights 1/(rank + offset), and variants at their own share of the total."""
    weights = [1.0 / (rank + offset) for rank in range(len(names))]
    base = sum(weights)
    share = sum(v[2] for v in variants)
    scale = base / (1.0 - share)
    return _Table([*names, *((v[0], v[1]) for v in variants)], [*weights, *(v[2] * scale for v in variants)])


_FAMILY_TABLE = _ranked(_FAMILY, 20.0, _FAMILY_VARIANTS)
_GIVEN = {
    ("男", "old"): _ranked(_MALE_OLD, 8.0, _MALE_VARIANTS["old"]),
    ("男", "mid"): _ranked(_MALE_MID, 8.0, _MALE_VARIANTS["mid"]),
    ("男", "young"): _ranked(_MALE_YOUNG, 8.0),
    ("女", "old"): _ranked(_FEMALE_OLD, 8.0, _FEMALE_VARIANTS["old"]),
    ("女", "mid"): _ranked(_FEMALE_MID, 8.0, _FEMALE_VARIANTS["mid"]),
    ("女", "young"): _ranked(_FEMALE_YOUNG, 8.0),
}
_AREA_TABLE = _Table(range(len(_AREAS)), [a[2] for a in _AREAS])
_ID_TABLE = _Table([i[0] for i in _ID_JAPANESE], [i[1] for i in _ID_JAPANESE])

# Kinds of household and their share of Japanese households.
_JAPANESE_KINDS = _Table(
    ("single", "couple", "family", "one_parent", "three_gen_up", "three_gen_down", "siblings", "mitodoke",
     "dokyonin", "enkosha"),
    (35, 22, 22, 7, 5, 4, 2, 1.5, 1.5, 1),
)
# The share of each kind that lives in an apartment (with a 方書); 0.1 for the others.
_APARTMENT_SHARE = {"single": 0.55, "couple": 0.3, "family": 0.25, "one_parent": 0.4}
# Kinds of foreign household (a "mixed" one has a Japanese head and a foreign wife).
_FOREIGN_KINDS = _Table(
    ("trainee", "student", "engineer", "engineer_family", "permanent", "special", "mixed"),
    (34, 14, 12, 8, 12, 10, 10),
)
_FOREIGN_HOUSEHOLD_SHARE = 0.03  # of households; gives about 2 % foreign persons
_NATIONALITY = {
    "trainee": _Table(("ベトナム", "フィリピン", "中国"), (60, 22, 18)),
    "student": _Table(("中国", "ベトナム", "韓国"), (45, 35, 20)),
    "engineer": _Table(("中国", "ベトナム", "韓国", "フィリピン"), (35, 30, 20, 15)),
    "permanent": _Table(("ブラジル", "フィリピン", "中国"), (40, 30, 30)),
    "mixed": _Table(("フィリピン", "中国", "韓国", "ベトナム", "ブラジル"), (35, 30, 15, 10, 10)),
}


# --- 個人番号 check digit ------------------------------------------------------------------------------------------
# `domain.check_digits.mynumber_check_digit` reads a string (NFKC, separators) and takes about 3 µs; here the same
# weighted sum (weights 6,5,4,3,2,7,6,5,4,3,2) comes from three tables of 4-, 4- and 3-digit chunks, which is
# several times faster at 300,000 persons. tests/demo/test_demo_town.py checks that both agree.
_MYNUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _chunk_sums(weights: tuple[int, ...]) -> list[int]:
    width = len(weights)
    return [sum(int(d) * w for d, w in zip(f"{v:0{width}d}", weights, strict=True)) for v in range(10**width)]


_SUMS_HIGH = _chunk_sums(_MYNUMBER_WEIGHTS[:4])
_SUMS_MIDDLE = _chunk_sums(_MYNUMBER_WEIGHTS[4:8])
_SUMS_LOW = _chunk_sums(_MYNUMBER_WEIGHTS[8:])


def _check_digit(first11: int) -> int:
    """mynumber_check_digit of the 11-digit number first11 (zero-padded)."""
    high, rest = divmod(first11, 10_000_000)
    middle, low = divmod(rest, 1_000)
    remainder = (_SUMS_HIGH[high] + _SUMS_MIDDLE[middle] + _SUMS_LOW[low]) % 11
    return 0 if remainder <= 1 else 11 - remainder


# --- the generator -------------------------------------------------------------------------------------------------


def _ban_max(residents: int) -> list[int]:
    """How many 番 each 町字's 丁目 have: enough that a house address is rarely drawn twice (about half of them
    used). A demo of 300,000 residents is a city rather than a town: its 丁目 then have up to about 130 番."""
    households = residents / 2.2 + 50
    return [max(12, ceil(households * 1.3 * weight / _AREA_TABLE.total / chome / _GO_MAX))
            for _, chome, weight in _AREAS]


def demo_address_book(residents: int) -> list[Chouaza]:
    """The demo town's 住所辞書: every 丁目 of every 町字, with the 住所コード and 郵便番号 its addresses carry."""
    return [Chouaza(f"{i + 1:03d}{chome:03d}", f"{name}{chome}丁目", POSTAL_CODES[name], 1, ban)
            for i, ((name, chomes, _), ban) in enumerate(zip(_AREAS, _ban_max(residents), strict=True))
            for chome in range(1, chomes + 1)]


class _Town:
    """The state of one generation run: the random source, numbers and addresses already given out."""

    def __init__(self, residents: int, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.today = today
        self.t = today.toordinal()
        self.iso_cache: dict[int, str] = {}
        self.mynumbers: set[int] = set()
        self.codes: set[int] = set()
        self.cards: set[str] = set()
        self.taken: set[tuple[int, int, int, int]] = set()
        self.ban_max = _ban_max(residents)
        self.buildings: list[list[Any]] = []  # open apartment buildings: [name, address, rooms a floor, floors, next room]
        self.building_names: set[str] = set()

    # numbers and dates

    def iso(self, ordinal: int) -> str:
        value = self.iso_cache.get(ordinal)
        if value is None:
            value = self.iso_cache[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return value

    def years(self, lo: float, hi: float) -> int:
        """A number of days between lo and hi years."""
        return int((lo + (hi - lo) * self.r()) * _YEAR)

    def born_aged(self, lo: float, hi: float) -> int:
        """The birth ordinal of someone aged between lo and hi years today."""
        return self.t - self.years(lo, hi + 1)

    def age(self, birth: int) -> float:
        return (self.t - birth) / _YEAR

    def mynumber(self) -> str:
        r = self.r
        if r() < 0.01:
            return ""  # 付番待ち
        while (n := int(r() * 100_000_000_000)) in self.mynumbers:
            pass
        self.mynumbers.add(n)
        return f"{n:011d}{_check_digit(n)}"

    def juminhyo_code(self) -> str:
        r = self.r
        while (n := int(r() * 100_000_000_000)) in self.codes:
            pass
        self.codes.add(n)
        return f"{n:011d}"

    def card_number(self) -> str:
        rng = self.rng
        while True:
            letters = rng.choices(_LETTERS, k=4)
            card = f"{letters[0]}{letters[1]}{rng.randrange(100_000_000):08d}{letters[2]}{letters[3]}"
            if card not in self.cards:
                self.cards.add(card)
                return card

    # names

    def family(self, avoid: Name | None = None) -> Name:
        name = _FAMILY_TABLE.pick(self.r())
        if name == avoid:
            name = _FAMILY_TABLE.pick(self.r())
        return name

    def given(self, sex: str, birth: int) -> Name:
        year = (birth - 693_596) / _YEAR + 1900  # 693596 = date(1900, 1, 1).toordinal() - 1
        if year < 1955:
            era = "old"
        elif year < 1965:
            era = "old" if self.r() < 0.4 else "mid"
        elif year < 1990:
            era = "mid"
        elif year < 1997:
            era = "mid" if self.r() < 0.3 else "young"
        else:
            era = "young"
        return _GIVEN[(sex, era)].pick(self.r())

    # places

    def elsewhere(self, *, honseki: bool) -> str:
        place, areas = _ELSEWHERE[int(self.r() * len(_ELSEWHERE))]
        area = areas[int(self.r() * len(areas))]
        if honseki:
            return f"{place}{area}{1 + int(self.r() * 2500)}番地"
        return f"{place}{area}{1 + int(self.r() * 4)}丁目{1 + int(self.r() * 30)}番{1 + int(self.r() * 20)}号"

    def town_honseki(self) -> str:
        i = _AREA_TABLE.pick(self.r())
        name, chome, _ = _AREAS[i]
        return f"{_TOWN}{name}{1 + int(self.r() * chome)}丁目{1 + int(self.r() * self.ban_max[i])}番"

    def honseki_place(self, home: str) -> str:
        """本籍: often the household's own address, else somewhere in the town or in another prefecture."""
        u = self.r()
        if u < 0.4:
            return home
        if u < 0.6:
            return self.town_honseki()
        return self.elsewhere(honseki=True)

    def house(self) -> tuple[int, int, int, int]:
        r = self.r
        for _ in range(50):
            i = _AREA_TABLE.pick(r())
            spot = (i, 1 + int(r() * _AREAS[i][1]), 1 + int(r() * self.ban_max[i]), 1 + int(r() * _GO_MAX))
            if spot not in self.taken:
                break
        self.taken.add(spot)  # after 50 tries an address may be shared by two households, as happens
        return spot

    def address(self, apartment: bool) -> tuple[dict[str, str], str]:
        """住所 (text, 方書, 住所コード, 郵便番号) and the 本籍 form of the same place (without 号)."""
        if apartment:
            spot, katagaki = self.room()
        else:
            spot, katagaki = self.house(), ""
        i, chome, ban, go = spot
        name = _AREAS[i][0]
        base = f"{_TOWN}{name}{chome}丁目{ban}番"
        return (
            {"text": f"{base}{go}号", "katagaki": katagaki, "code": f"{i + 1:03d}{chome:03d}",
             "postal_code": POSTAL_CODES[name]},
            base,
        )

    def room(self) -> tuple[tuple[int, int, int, int], str]:
        """A free room in one of a few open apartment buildings; a new building when fewer than 6 are open."""
        r = self.r
        if len(self.buildings) < 6:
            self.buildings.append(self.new_building())
        k = int(r() * len(self.buildings))
        building = self.buildings[k]
        name, spot, per_floor, floors, next_room = building
        floor, number = divmod(next_room, per_floor)
        label = f"{floor + 1}{number + 1:02d}".translate(_FULL_WIDTH_DIGITS)
        building[4] = next_room + 1
        if building[4] == per_floor * floors:
            self.buildings.pop(k)
        return spot, f"{name}{label}号"

    def new_building(self) -> list[Any]:
        r = self.r
        spot = self.house()
        form = _APARTMENT_FORMS[int(r() * len(_APARTMENT_FORMS))]
        word = _APARTMENT_WORDS[int(r() * len(_APARTMENT_WORDS))]
        name = form.format(w=word, a=_AREAS[spot[0]][0])
        n = 1
        unique = name
        while unique in self.building_names:
            n += 1
            unique = f"第{n}{name}".translate(_FULL_WIDTH_DIGITS)
        self.building_names.add(unique)
        per_floor = 4 + int(r() * 5)
        floors = 2 + int(r() * 4)
        return [unique, spot, per_floor, floors, 0]

    # persons

    def japanese(
        self, family: Name, given: Name, sex: str, birth: int, relationship: str, honseki: dict[str, str] | str,
        former: Name | None = None,
    ) -> dict[str, Any]:
        person: dict[str, Any] = {
            "name": family[0] + _SPACE + given[0],
            "name_kana": family[1] + _SPACE + given[1],
            "kana_confirmed": self.r() < 0.9,
            "birth": self.iso(birth),
            "sex": sex,
            "relationship": relationship,
            "kind": "日本人",
            "honseki": dict(honseki) if isinstance(honseki, dict) else honseki,
            "mynumber": self.mynumber(),
            "juminhyo_code": self.juminhyo_code(),
        }
        if former is not None:
            person["former_surname"] = former[0]
            person["former_surname_kana"] = former[1]
        return person

    def koseki(self, place: str, head: tuple[Name, Name]) -> dict[str, str]:
        """本籍・筆頭者 of one 戸籍: its place and the 氏名 of its 筆頭者."""
        return {"place": place, "head": head[0][0] + _SPACE + head[1][0]}

    def own_or_parents_koseki(self, family: Name, given: Name, sex: str, birth: int, home: str) -> dict[str, str]:
        """The 戸籍 of someone living without their family: their parents' (筆頭者 the father), a late husband's,
        or their own."""
        age = self.age(birth)
        u = self.r()
        if sex == "女" and age >= 50 and u < 0.7:
            husband = self.given("男", birth - self.years(-1, 6))
            return self.koseki(self.honseki_place(home), (family, husband))
        if age < 40 and u < 0.7:
            father = self.given("男", birth - self.years(24, 36))
            return self.koseki(self.elsewhere(honseki=True) if self.r() < 0.6 else self.town_honseki(),
                               (family, father))
        return self.koseki(self.honseki_place(home), (family, given))

    def children(self, mother: int, father: int | None, n: int) -> list[int]:
        """Birth ordinals of up to n children, each at least 20 years younger than both parents and born by today."""
        start = max(mother, father if father is not None else mother) + self.years(20, 20.5)
        first = max(start, mother + self.years(22, 36))
        births = []
        at = first
        for _ in range(n):
            if at > self.t:
                break
            births.append(at)
            at += self.years(1.2, 5)
        return births

    def spouse_birth(self, birth: int) -> int:
        """A spouse's birth: mostly 0–4 years after the husband's, at most 10 years apart, aged 18 or more."""
        gap = self.rng.gauss(2.0, 3.0)
        gap = min(9.5, max(-6.0, gap))
        spouse = birth + int(gap * _YEAR)
        return min(spouse, self.t - self.years(18, 19))

    def sex(self, male: float) -> str:
        return "男" if self.r() < male else "女"

    def n_of(self, weights: Sequence[float]) -> int:
        u = self.r() * sum(weights)
        for n, w in enumerate(weights):
            u -= w
            if u < 0:
                return n
        return len(weights) - 1

    # households: each returns (persons, births) with the 世帯主 first

    def household(self) -> tuple[list[dict[str, Any]], list[int], str, str, dict[str, str], str]:
        """(persons, births, reason, previous address, address, identification) of one new household."""
        r = self.r
        if r() < _FOREIGN_HOUSEHOLD_SHARE:
            return self.foreign_household(_FOREIGN_KINDS.pick(r()))
        kind = _JAPANESE_KINDS.pick(r())
        address, home = self.address(r() < _APARTMENT_SHARE.get(kind, 0.1))
        persons, births = getattr(self, "_" + kind)(home)
        if r() < 0.01:
            reason, previous = "国外転入等", _ABROAD[int(r() * len(_ABROAD))]
        else:
            reason, previous = "国内転入", self.elsewhere(honseki=False)
        return persons, births, reason, previous, address, _ID_TABLE.pick(r())

    def _single(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        u = self.r()
        if u < 0.30:
            birth, sex = self.born_aged(18, 34), self.sex(0.56)
        elif u < 0.55:
            birth, sex = self.born_aged(35, 64), self.sex(0.55)
        else:
            birth, sex = self.born_aged(65, 97), self.sex(0.3)
        family = self.family()
        given = self.given(sex, birth)
        # 本籍 「不明」 for about 1 in 5,000 persons (single households are about 1 in 6 persons).
        honseki: dict[str, str] | str = (
            "不明" if self.r() < 1 / 830 else self.own_or_parents_koseki(family, given, sex, birth, home)
        )
        return [self.japanese(family, given, sex, birth, "世帯主", honseki)], [birth]

    def married(self, head_birth: int, home: str, *, female_head: float = 0.05) -> tuple[
        list[dict[str, Any]], list[int], Name, dict[str, str], int, Name
    ]:
        """A married couple (the head and 妻 or 夫): persons, births, family name, their 戸籍, the wife's birth and
        her maiden name."""
        family = self.family()
        maiden = self.family(avoid=family)
        husband_birth = head_birth
        wife_birth = self.spouse_birth(husband_birth)
        husband = self.given("男", husband_birth)
        wife = self.given("女", wife_birth)
        wife_former = maiden if self.r() < 0.15 else None
        husband_former = None
        hittosha = (family, husband)
        if self.r() < female_head:
            # The wife is 世帯主; in half of these couples the husband took her family name (she is 筆頭者).
            if self.r() < 0.5:
                family, maiden = maiden, family
                wife_former = None
                husband_former = maiden if self.r() < 0.15 else None
                hittosha = (family, wife)
            koseki = self.koseki(self.honseki_place(home), hittosha)
            persons = [
                self.japanese(family, wife, "女", wife_birth, "世帯主", koseki),
                self.japanese(family, husband, "男", husband_birth, "夫", koseki, husband_former),
            ]
            return persons, [wife_birth, husband_birth], family, koseki, wife_birth, maiden
        koseki = self.koseki(self.honseki_place(home), hittosha)
        persons = [
            self.japanese(family, husband, "男", husband_birth, "世帯主", koseki),
            self.japanese(family, wife, "女", wife_birth, "妻", koseki, wife_former),
        ]
        return persons, [husband_birth, wife_birth], family, koseki, wife_birth, maiden

    def add_children(
        self, persons: list[dict[str, Any]], births: list[int], family: Name, koseki: dict[str, str] | str,
        mother: int, father: int | None, n: int, relationship: str = "子",
    ) -> None:
        for birth in self.children(mother, father, n):
            sex = self.sex(0.51)
            persons.append(self.japanese(family, self.given(sex, birth), sex, birth, relationship, koseki))
            births.append(birth)

    def _couple(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        u = self.r()
        head = self.born_aged(22, 39) if u < 0.25 else self.born_aged(40, 64) if u < 0.55 else self.born_aged(65, 92)
        persons, births, *_ = self.married(head, home)
        return persons, births

    def _family(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        head = self.born_aged(28, 58)
        persons, births, family, koseki, wife, _ = self.married(head, home)
        self.add_children(persons, births, family, koseki, wife, head, 1 + self.n_of((40, 45, 15)))
        return persons, births

    def _one_parent(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        sex = self.sex(0.15)
        birth = self.born_aged(26, 56)
        family = self.family()
        given = self.given(sex, birth)
        koseki = self.koseki(self.honseki_place(home), (family, given))
        persons = [self.japanese(family, given, sex, birth, "世帯主", koseki)]
        births = [birth]
        self.add_children(persons, births, family, koseki, birth, None, 1 + self.n_of((60, 33, 7)))
        return persons, births

    def _three_gen_up(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        """Head, 妻, 子, and the head's (or the wife's) father and/or mother."""
        head = self.born_aged(35, 62)
        persons, births, family, koseki, wife, maiden = self.married(head, home, female_head=0.0)
        self.add_children(persons, births, family, koseki, wife, head, self.n_of((20, 35, 35, 10)))
        wife_side = self.r() < 0.2
        child, parents_family, prefix = (wife, maiden, "妻の") if wife_side else (head, family, "")
        gap_max = min(38.0, 97.0 - self.age(child))
        father = child - self.years(24, gap_max)
        mother = min(self.spouse_birth(father), child - self.years(20, 21))
        which = self.n_of((35, 50, 15))  # both, 母 only, 父 only
        father_given = self.given("男", father)
        koseki_parents = self.koseki(home if self.r() < 0.3 else self.honseki_place(home),
                                     (parents_family, father_given))
        if which in (0, 2):
            persons.append(self.japanese(parents_family, father_given, "男", father, prefix + "父", koseki_parents))
            births.append(father)
        if which in (0, 1):
            persons.append(self.japanese(parents_family, self.given("女", mother), "女", mother, prefix + "母",
                                         koseki_parents))
            births.append(mother)
        return persons, births

    def _three_gen_down(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        """An elderly head (with or without a spouse), a married 子 with 子の妻 or 子の夫, and 子の子."""
        head = self.born_aged(62, 88)
        if self.r() < 0.65:
            persons, births, family, koseki, wife, _ = self.married(head, home, female_head=0.0)
            younger = max(head, wife)
        else:
            sex = self.sex(0.4)
            family = self.family()
            given = self.given(sex, head)
            koseki = self.own_or_parents_koseki(family, given, sex, head, home)
            persons = [self.japanese(family, given, sex, head, "世帯主", koseki)]
            births = [head]
            younger = head
        child = min(younger + self.years(22, 38), self.t - self.years(25, 26))
        child = max(child, younger + self.years(20, 20.5))
        if self.r() < 0.8:
            in_law = self.spouse_birth(child)
            # A son, his wife (who took his family name) and their children, in his own 戸籍.
            son = self.given("男", child)
            own = self.koseki(home if self.r() < 0.5 else self.elsewhere(honseki=True), (family, son))
            wife_given = self.given("女", in_law)
            persons.append(self.japanese(family, son, "男", child, "子", own))
            persons.append(self.japanese(family, wife_given, "女", in_law, "子の妻", own,
                                         self.family(avoid=family) if self.r() < 0.15 else None))
            births += [child, in_law]
            self.add_children(persons, births, family, own, in_law, child, self.n_of((20, 30, 40, 10)), "子の子")
        else:
            # A daughter who took her husband's family name, her husband and their children.
            in_law = child - self.years(-2, 6)  # the husband, mostly a few years older
            husband_family = self.family(avoid=family)
            husband = self.given("男", in_law)
            own = self.koseki(self.honseki_place(home), (husband_family, husband))
            persons.append(self.japanese(husband_family, self.given("女", child), "女", child, "子", own,
                                         family if self.r() < 0.15 else None))
            persons.append(self.japanese(husband_family, husband, "男", in_law, "子の夫", own))
            births += [child, in_law]
            self.add_children(persons, births, husband_family, own, child, in_law, self.n_of((20, 30, 40, 10)),
                              "子の子")
        return persons, births

    def _siblings(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        head = self.born_aged(30, 80)
        sex = self.sex(0.6)
        family = self.family()
        given = self.given(sex, head)
        other = head + self.years(1, 10) * (1 if self.r() < 0.5 else -1)
        other = min(max(other, self.t - self.years(97, 98)), self.t - self.years(18, 19))
        other_sex = self.sex(0.45)
        if other_sex == "男":
            relationship = "兄" if other < head else "弟"
        else:
            relationship = "姉" if other < head else "妹"
        other_given = self.given(other_sex, other)
        if self.r() < 0.6:
            # Both still in their parents' 戸籍, whose 筆頭者 is their father.
            father = self.given("男", min(head, other) - self.years(24, 36))
            mine = theirs = self.koseki(self.honseki_place(home), (family, father))
        else:
            mine = self.koseki(self.honseki_place(home), (family, given))
            theirs = self.own_or_parents_koseki(family, other_given, other_sex, other, home)
        return [
            self.japanese(family, given, sex, head, "世帯主", mine),
            self.japanese(family, other_given, other_sex, other, relationship, theirs),
        ], [head, other]

    def _mitodoke(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        """A couple not (yet) married: 妻(未届), with her own family name and 戸籍."""
        head = self.born_aged(25, 70)
        partner = self.spouse_birth(head)
        family = self.family()
        given = self.given("男", head)
        other_family = self.family(avoid=family)
        other_given = self.given("女", partner)
        return [
            self.japanese(family, given, "男", head, "世帯主",
                          self.own_or_parents_koseki(family, given, "男", head, home)),
            self.japanese(other_family, other_given, "女", partner, "妻(未届)",
                          self.own_or_parents_koseki(other_family, other_given, "女", partner, home)),
        ], [head, partner]

    def _dokyonin(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        """Two unrelated persons sharing a home: the head and a 同居人."""
        head = self.born_aged(20, 60)
        other = min(head + self.years(-10, 10), self.t - self.years(18, 19))
        persons = []
        for birth, relationship in ((head, "世帯主"), (other, "同居人")):
            sex = self.sex(0.5)
            family = self.family()
            given = self.given(sex, birth)
            persons.append(self.japanese(family, given, sex, birth, relationship,
                                         self.own_or_parents_koseki(family, given, sex, birth, home)))
        return persons, [head, other]

    def _enkosha(self, home: str) -> tuple[list[dict[str, Any]], list[int]]:
        """An elderly head and a relative whose 続柄 has no word of its own (a nephew or niece): 縁故者."""
        head = self.born_aged(65, 92)
        other = self.born_aged(18, 60)
        persons = []
        family = self.family()
        for birth, relationship in ((head, "世帯主"), (other, "縁故者")):
            sex = self.sex(0.45)
            if relationship == "縁故者" and self.r() < 0.6:
                family = self.family()
            given = self.given(sex, birth)
            persons.append(self.japanese(family, given, sex, birth, relationship,
                                         self.own_or_parents_koseki(family, given, sex, birth, home)))
        return persons, [head, other]

    # foreign residents

    def foreign_name(self, nationality: str, sex: str, family: ForeignName | None = None) -> tuple[
        dict[str, str], ForeignName
    ]:
        families, males, females, middle_m, middle_f, _ = _FOREIGN[nationality]
        r = self.r
        if family is None:
            family = families[int(r() * len(families))]
        givens, middles = (males, middle_m) if sex == "男" else (females, middle_f)
        parts = [family]
        if middles:
            parts.append(middles[int(r() * len(middles))])
        parts.append(givens[int(r() * len(givens))])
        return {
            "name": _SPACE.join(p[0] for p in parts),
            "name_kana": _SPACE.join(p[1] for p in parts),
            "alphabet_name": " ".join(p[2] for p in parts),
        }, family

    def foreigner(
        self, nationality: str, sex: str, birth: int, relationship: str, category: str, status: str = "",
        family: ForeignName | None = None,
    ) -> tuple[dict[str, Any], ForeignName]:
        names, family = self.foreign_name(nationality, sex, family)
        items: dict[str, Any] = {
            "alphabet_name": names["alphabet_name"],
            "nationality": nationality,
            "category": category,
            "became_resident": None,  # the 異動日, set when the household is complete
            "card_number": self.card_number(),
        }
        if category == "中長期在留者":
            items["residence_status"] = status
            if status != "永住者":  # 永住者 have no 在留期間
                years = {"技能実習": (1, 2), "留学": (1, 2, 4), "家族滞在": (1, 3, 5)}.get(status, (1, 3, 5))
                period = years[int(self.r() * len(years))]
                items["period"] = f"{period}年3月" if status == "留学" and period > 1 else f"{period}年"
                items["period_expiry"] = self.iso(self.t + 20 + int(self.r() * period * 365))
        elif self.r() < 0.5:
            # 特別永住者 often use a Japanese 通称.
            items["tsusho"] = self.family()[0] + _SPACE + self.given(sex, birth)[0]
        person = {
            "name": names["name"],
            "name_kana": names["name_kana"],
            "kana_confirmed": self.r() < 0.95,
            "birth": self.iso(birth),
            "sex": sex,
            "relationship": relationship,
            "kind": "外国人",
            "foreign": items,
            "mynumber": self.mynumber(),
            "juminhyo_code": self.juminhyo_code(),
        }
        return person, family

    def foreign_household(self, kind: str) -> tuple[list[dict[str, Any]], list[int], str, str, dict[str, str], str]:
        r = self.r
        persons: list[dict[str, Any]] = []
        births: list[int] = []
        identification = "在留カード"
        if kind in ("trainee", "student", "engineer"):
            nationality = _NATIONALITY[kind].pick(r())
            status, ages, male = {
                "trainee": ("技能実習", (20, 35), 0.6),
                "student": ("留学", (18, 29), 0.5),
                "engineer": ("技術・人文知識・国際業務", (22, 45), 0.6),
            }[kind]
            birth = self.born_aged(*ages)
            person, _ = self.foreigner(nationality, self.sex(male), birth, "世帯主", "中長期在留者", status)
            persons.append(person)
            births.append(birth)
            apartment = r() < 0.85
            abroad = r() < 0.7
        elif kind in ("engineer_family", "permanent", "special"):
            if kind == "engineer_family":
                nationality = _NATIONALITY["engineer"].pick(r())
                head_status, family_status, category = "技術・人文知識・国際業務", "家族滞在", "中長期在留者"
                head = self.born_aged(26, 48)
                n_children = self.n_of((35, 45, 20))
                abroad = r() < 0.5
            elif kind == "permanent":
                nationality = _NATIONALITY["permanent"].pick(r())
                head_status = family_status = "永住者"
                category = "中長期在留者"
                head = self.born_aged(30, 70)
                n_children = self.n_of((30, 30, 30, 10))
                abroad = r() < 0.1
            else:
                nationality, head_status, family_status, category = "韓国", "", "", "特別永住者"
                head = self.born_aged(30, 92)
                n_children = self.n_of((40, 30, 30))
                abroad = False
                identification = "特別永住者証明書"
            person, family = self.foreigner(nationality, "男", head, "世帯主", category, head_status)
            persons.append(person)
            births.append(head)
            married = kind != "special" or r() < 0.6
            mother: int | None = None
            if married:
                mother = self.spouse_birth(head)
                takes_name = _FOREIGN[nationality][5]
                person, _ = self.foreigner(nationality, "女", mother, "妻", category, family_status,
                                           family if takes_name else None)
                persons.append(person)
                births.append(mother)
            for birth in self.children(mother if mother is not None else head, head, n_children):
                person, _ = self.foreigner(nationality, self.sex(0.5), birth, "子", category, family_status, family)
                persons.append(person)
                births.append(birth)
            apartment = r() < 0.5
        else:  # mixed: a Japanese husband, a foreign wife (日本人の配偶者等) and Japanese children
            nationality = _NATIONALITY["mixed"].pick(r())
            head = self.born_aged(30, 65)
            surname = self.family()
            given = self.given("男", head)
            address, home = self.address(r() < 0.3)
            koseki = self.koseki(self.honseki_place(home), (surname, given))
            persons.append(self.japanese(surname, given, "男", head, "世帯主", koseki))
            births.append(head)
            wife = self.spouse_birth(head)
            person, _ = self.foreigner(nationality, "女", wife, "妻", "中長期在留者", "日本人の配偶者等")
            persons.append(person)
            births.append(wife)
            self.add_children(persons, births, surname, koseki, wife, head, self.n_of((35, 40, 25)))
            if r() < 0.1:
                return persons, births, "国外転入等", nationality, address, _ID_TABLE.pick(r())
            return persons, births, "国内転入", self.elsewhere(honseki=False), address, _ID_TABLE.pick(r())
        address, _ = self.address(apartment)
        if abroad:
            return persons, births, "国外転入等", nationality, address, "旅券"
        return persons, births, "国内転入", self.elsewhere(honseki=False), address, identification

    # the request

    def request(self, remaining: int) -> dict[str, Any]:
        persons, births, reason, previous, address, identification = self.household()
        if len(persons) > remaining:
            del persons[remaining:]  # the 世帯主 is first, so a household cut short still has one
            del births[remaining:]
        r = self.r
        head_birth = births[0]
        # A 在留期間 runs out within a few years, so people with one arrived recently.
        temporary = any(
            p["kind"] == "外国人" and p["foreign"].get("period") for p in persons
        )
        lower = max(max(births), head_birth + self.years(18, 19), self.t - int((5 if temporary else 45) * _YEAR))
        lower = min(lower, self.t)
        idou = lower + int((self.t - lower) * r() ** 0.6)
        notified = min(self.t, idou + int(r() * 15))
        idou_iso = self.iso(idou)
        for person in persons:
            if person["kind"] == "外国人":
                person["foreign"]["became_resident"] = idou_iso
        head = persons[0]
        if len(persons) > 1 and r() < 0.1 and persons[1]["relationship"] in ("妻", "夫", "妻(未届)"):
            notifier = {"name": persons[1]["name"], "relation": "世帯員（" + persons[1]["relationship"] + "）",
                        "identification": identification}
        else:
            notifier = {"name": head["name"], "relation": "本人", "identification": identification}
        return {
            "reason": reason,
            "idou_date": idou_iso,
            "notified_on": self.iso(notified),
            "notifier": notifier,
            "address": address,
            "previous_address": previous,
            "persons": persons,
        }


def demo_requests(residents: int, seed: int, today: dt.date) -> Iterator[dict[str, Any]]:
    """Yields 異動 requests (dicts in the JSON form of domain/idou.py) that register about `residents` persons.

    Each request is a 国内転入 or 国外転入等 of a whole new household (no "household" key); together they hold
    exactly `residents` persons. The same (residents, seed, today) always gives the same requests.
    """
    if isinstance(residents, bool) or not isinstance(residents, int) or residents < 0:
        raise ValueError(f"residents must be a whole number of 0 or more, not {residents!r}")
    town = _Town(residents, seed, today)
    remaining = residents
    while remaining > 0:
        request = town.request(remaining)
        remaining -= len(request["persons"])
        yield request


def demo_etsuran_requests(areas: Sequence[str], today: dt.date) -> list[dict[str, Any]]:
    """A few 閲覧 requests (docs/etsuran.md) for the demo town's first 町字: an office's (法11条), a newspaper's
    世論調査 and a 社会福祉協議会's 公益活動 (法11条の2), all made-up."""
    first, second = areas[0], areas[1 % len(areas)]
    day = today.isoformat()
    return [
        {"kind": "国・地方公共団体の機関", "applicant": "さくら県選挙管理委員会", "address": "さくら県さくら市1番地",
         "affairs": "裁判員候補者名簿の調製", "legal_basis": "裁判員の参加する刑事裁判に関する法律第21条",
         "readers": [{"name": "県職員　一郎（デモ）", "title": "主事"}], "areas": [first], "ages": {"from": 18},
         "date": day},
        {"kind": "法人", "applicant": "デモ新聞社", "address": "さくら県さくら市2番地", "representative": "代表　太郎（デモ）",
         "purpose": "調査研究", "use": "町民の暮らしに関する世論調査の対象者の抽出",
         "readers": [{"name": "記者　花子（デモ）", "address": "さくら県さくら市3番地"}], "handlers": "世論調査部の職員",
         "management": "施錠できる保管庫で保管し、調査の終了後に裁断する", "results": "紙面で公表する",
         "areas": [first, second], "ages": {"from": 20, "to": 79}, "date": day},
        {"kind": "法人", "applicant": "みどり町社会福祉協議会", "address": "さくら県みどり町役場内", "representative": "会長　次郎（デモ）",
         "purpose": "公益活動", "use": "高齢者の見守り活動の対象者の把握",
         "readers": [{"name": "職員　三郎（デモ）", "address": "さくら県みどり町役場内"}], "handlers": "地域福祉係の職員",
         "management": "事務所の施錠できる書庫で保管する", "areas": [second], "ages": {"from": 75}, "date": day},
    ]


def demo_fuhyo_csv(count: int, seed: int, today: dt.date) -> str:
    """The file of existing 附票 (docs/fuhyo.md) of `count` made-up 戸籍 of the town whose persons all live elsewhere:
    a couple with a child, one 国外転出 now and then, and every fifth a 除附票 whose persons were all removed."""
    town = _Town(max(count, 1), seed + 1, today)
    lines = ["本籍,筆頭者,氏名,生年月日,性別,住所,住所を定めた年月日,国外転出,消除事由,消除日,住民票コード"]
    for n in range(count):
        family = town.family()
        husband_born = town.born_aged(40, 85)
        wife_born = town.spouse_birth(husband_born)
        child_born = wife_born + int((25 + town.r() * 10) * _YEAR)
        head = family[0] + _SPACE + town.given("男", husband_born)[0]
        place = town.town_honseki()
        first, second = town.elsewhere(honseki=False), town.elsewhere(honseki=False)
        moved = min(town.t - 30, husband_born + int(30 * _YEAR))
        persons = [(head, husband_born, "男"), (family[0] + _SPACE + town.given("女", wife_born)[0], wife_born, "女"),
                   (family[0] + _SPACE + town.given("男", child_born)[0], min(child_born, town.t - 400), "男")]
        closed = n % 5 == 4
        for index, (name, born, sex) in enumerate(persons):
            common = f"{place},{head},{name},{town.iso(born)},{sex}"
            removal = f"死亡,{town.iso(town.t - 60 - index)}" if closed else ","
            lines.append(f"{common},{first},{town.iso(max(moved, born))},,{removal},")
            if index == 2 and n % 4 == 1:
                lines.append(f"{common},,{town.iso(town.t - 90)},1,{removal},")
            else:
                lines.append(f"{common},{second},{town.iso(min(town.t - 30, max(moved + 3000, born + 1)))},,{removal},")
    return "\r\n".join(lines) + "\r\n"
