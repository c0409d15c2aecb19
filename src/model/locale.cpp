// The built-in locales: one table per language. Adding a string is one line in each
// language (English's line is required; another language without it prints English and
// warns). Adding a language is one more entry, see docs/locale.md.
#include "cvtex/model/locale.hpp"

#include <algorithm>

namespace cvtex {

namespace {

// The month keys of [settings.strings]: "january" ... "december" and "jan" ... "dec".
constexpr std::array<std::string_view, 12> month_keys{
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 12> short_month_keys{
    "jan", "feb", "mar", "apr", "may_short", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

std::vector<LocaleInfo> make_locales() {
    std::vector<LocaleInfo> l;
    l.push_back({.code = "en",
                 .name = "English",
                 .months = {"January", "February", "March", "April", "May", "June", "July",
                            "August", "September", "October", "November", "December"},
                 .short_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                  "Oct", "Nov", "Dec"},
                 .month_year = "{m} {y}",
                 .day_month_year = "{m} {d}, {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{M}/{D}/{y}",
                 .strings = {
                     {"present", "Present"},
                     {"degree_field", " in "},  // joins degree and field: "PhD in Physics"
                     {"gpa", "GPA"},
                     {"thesis", "Thesis"},
                     {"advisor", "Advisor"},
                     {"et_al", "et al."},
                     {"editor", "(ed.)"},
                     {"editors", "(eds.)"},
                     {"equal_contribution", "Equal contribution"},
                     {"corresponding_author", "Corresponding author"},
                     {"link", "link"},
                     {"code", "code"},
                     {"preprint", "preprint"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Cover Letter"},
                     {"references", "References"},
                     {"minor", "Minor"},
                     {"honors", "Honors"},
                     {"technologies", "Technologies"},
                     {"invited", "Invited"},
                     {"contributed", "Contributed"},
                     {"keynote", "Keynote"},
                     {"plenary", "Plenary"},
                     {"poster", "Poster"},
                     {"tutorial", "Tutorial"},
                     {"panel", "Panel"},
                     {"credential_id", "Credential ID"},
                     {"valid_until", "Valid until"},
                     {"expected", "expected"},
                 }});
    l.push_back({.code = "de",
                 .name = "German",
                 .babel = "ngerman",
                 .package = "texlive-lang-german",
                 .months = {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                            "September", "Oktober", "November", "Dezember"},
                 .short_months = {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.",
                                  "Sept.", "Okt.", "Nov.", "Dez."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d}. {m} {y}",
                 .numeric_month_year = "{M}.{y}",
                 .numeric_day_month_year = "{D}.{M}.{y}",
                 .strings = {
                     {"present", "heute"},
                     {"degree_field", " in "},
                     {"gpa", "Note"},
                     {"thesis", "Abschlussarbeit"},
                     {"advisor", "Betreuung"},
                     {"et_al", "u. a."},
                     {"editor", "(Hrsg.)"},
                     {"editors", "(Hrsg.)"},
                     {"equal_contribution", "Gleicher Beitrag"},
                     {"corresponding_author", "Korrespondenzautor"},
                     {"link", "Webseite"},
                     {"code", "Quelltext"},
                     {"preprint", "Vorabdruck"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Anschreiben"},
                     {"references", "Literatur"},
                     {"minor", "Nebenfach"},
                     {"honors", "Auszeichnung"},
                     {"technologies", "Technologien"},
                     {"invited", "Eingeladen"},
                     {"contributed", "Eingereicht"},
                     {"keynote", "Hauptvortrag"},
                     {"plenary", "Plenarvortrag"},
                     {"poster", "Poster"},
                     {"tutorial", "Tutorium"},
                     {"panel", "Podiumsdiskussion"},
                     {"credential_id", "Zertifikatsnummer"},
                     {"valid_until", "Gültig bis"},
                     {"expected", "voraussichtlich"},
                 }});
    l.push_back({.code = "fr",
                 .name = "French",
                 .babel = "french",
                 .package = "texlive-lang-french",
                 .months = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                            "septembre", "octobre", "novembre", "décembre"},
                 .short_months = {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                                  "sept.", "oct.", "nov.", "déc."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "présent"},
                     {"degree_field", " en "},
                     {"gpa", "Moyenne"},
                     {"thesis", "Mémoire"},
                     {"advisor", "Direction"},
                     {"et_al", "et coll."},
                     {"editor", "(éd.)"},
                     {"editors", "(éds)"},
                     {"equal_contribution", "Contribution égale"},
                     {"corresponding_author", "Auteur correspondant"},
                     {"link", "lien"},
                     {"code", "logiciel"},
                     {"preprint", "prépublication"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Lettre de motivation"},
                     {"references", "Références"},
                     {"minor", "Mineure"},
                     {"honors", "Mention"},
                     {"technologies", "Technologies"},
                     {"invited", "Invité"},
                     {"contributed", "Communication"},
                     {"keynote", "Conférence d'ouverture"},
                     {"plenary", "Plénière"},
                     {"poster", "Poster"},
                     {"tutorial", "Tutoriel"},
                     {"panel", "Table ronde"},
                     {"credential_id", "Identifiant"},
                     {"valid_until", "Valable jusqu'à"},
                     {"expected", "prévu"},
                 }});
    l.push_back({.code = "es",
                 .name = "Spanish",
                 .babel = "spanish",
                 .package = "texlive-lang-spanish",
                 .months = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                            "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
                 .short_months = {"ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.",
                                  "sept.", "oct.", "nov.", "dic."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} de {m} de {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "actualidad"},
                     {"degree_field", " en "},
                     {"gpa", "Nota media"},
                     {"thesis", "Tesis"},
                     {"advisor", "Dirección"},
                     {"et_al", "et al."},
                     {"editor", "(ed.)"},
                     {"editors", "(eds.)"},
                     {"equal_contribution", "Contribución igual"},
                     {"corresponding_author", "Autor de correspondencia"},
                     {"link", "enlace"},
                     {"code", "código"},
                     {"preprint", "preimpresión"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Carta de presentación"},
                     {"references", "Referencias"},
                     {"minor", "Especialidad secundaria"},
                     {"honors", "Distinción"},
                     {"technologies", "Tecnologías"},
                     {"invited", "Invitada"},
                     {"contributed", "Comunicación"},
                     {"keynote", "Conferencia principal"},
                     {"plenary", "Plenaria"},
                     {"poster", "Póster"},
                     {"tutorial", "Taller"},
                     {"panel", "Mesa redonda"},
                     {"credential_id", "ID de credencial"},
                     {"valid_until", "Válido hasta"},
                     {"expected", "previsto"},
                 }});
    l.push_back({.code = "it",
                 .name = "Italian",
                 .babel = "italian",
                 .package = "texlive-lang-italian",
                 .months = {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                            "agosto", "settembre", "ottobre", "novembre", "dicembre"},
                 .short_months = {"gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.",
                                  "set.", "ott.", "nov.", "dic."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "oggi"},
                     {"degree_field", " in "},
                     {"gpa", "Media"},
                     {"thesis", "Tesi"},
                     {"advisor", "Relatore"},
                     {"et_al", "et al."},
                     {"editor", "(a cura di)"},
                     {"editors", "(a cura di)"},
                     {"equal_contribution", "Contributo paritario"},
                     {"corresponding_author", "Autore corrispondente"},
                     {"link", "collegamento"},
                     {"code", "codice"},
                     {"preprint", "preprint"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Lettera di presentazione"},
                     {"references", "Bibliografia"},
                     {"minor", "Secondo indirizzo"},
                     {"honors", "Menzione"},
                     {"technologies", "Tecnologie"},
                     {"invited", "Su invito"},
                     {"contributed", "Comunicazione"},
                     {"keynote", "Relazione principale"},
                     {"plenary", "Plenaria"},
                     {"poster", "Poster"},
                     {"tutorial", "Tutorial"},
                     {"panel", "Tavola rotonda"},
                     {"credential_id", "ID credenziale"},
                     {"valid_until", "Valido fino a"},
                     {"expected", "previsto"},
                 }});
    l.push_back({.code = "pt",
                 .name = "Portuguese",
                 .babel = "portuguese",
                 .package = "texlive-lang-portuguese",
                 .months = {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                            "agosto", "setembro", "outubro", "novembro", "dezembro"},
                 .short_months = {"jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.",
                                  "set.", "out.", "nov.", "dez."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} de {m} de {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "atual"},
                     {"degree_field", " em "},
                     {"gpa", "Média"},
                     {"thesis", "Tese"},
                     {"advisor", "Orientação"},
                     {"et_al", "et al."},
                     {"editor", "(ed.)"},
                     {"editors", "(eds.)"},
                     {"equal_contribution", "Contribuição igual"},
                     {"corresponding_author", "Autor correspondente"},
                     {"link", "ligação"},
                     {"code", "código"},
                     {"preprint", "pré-publicação"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Carta de apresentação"},
                     {"references", "Referências"},
                     {"minor", "Área secundária"},
                     {"honors", "Distinção"},
                     {"technologies", "Tecnologias"},
                     {"invited", "Convidada"},
                     {"contributed", "Comunicação"},
                     {"keynote", "Palestra principal"},
                     {"plenary", "Plenária"},
                     {"poster", "Pôster"},
                     {"tutorial", "Minicurso"},
                     {"panel", "Mesa-redonda"},
                     {"credential_id", "ID da credencial"},
                     {"valid_until", "Válido até"},
                     {"expected", "previsto"},
                 }});
    l.push_back({.code = "nl",
                 .name = "Dutch",
                 .babel = "dutch",
                 .package = "texlive-lang-european",
                 .months = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                            "augustus", "september", "oktober", "november", "december"},
                 .short_months = {"jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.",
                                  "sep.", "okt.", "nov.", "dec."},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}-{y}",
                 .numeric_day_month_year = "{D}-{M}-{y}",
                 .strings = {
                     {"present", "heden"},
                     {"degree_field", " in "},
                     {"gpa", "Gemiddelde"},
                     {"thesis", "Scriptie"},
                     {"advisor", "Begeleider"},
                     {"et_al", "e.a."},
                     {"editor", "(red.)"},
                     {"editors", "(red.)"},
                     {"equal_contribution", "Gelijke bijdrage"},
                     {"corresponding_author", "Corresponderend auteur"},
                     {"link", "koppeling"},
                     {"code", "broncode"},
                     {"preprint", "voordruk"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Sollicitatiebrief"},
                     {"references", "Referenties"},
                     {"minor", "Bijvak"},
                     {"honors", "Onderscheiding"},
                     {"technologies", "Technologieën"},
                     {"invited", "Uitgenodigd"},
                     {"contributed", "Ingezonden"},
                     {"keynote", "Hoofdlezing"},
                     {"plenary", "Plenair"},
                     {"poster", "Poster"},
                     {"tutorial", "Cursus"},
                     {"panel", "Panel"},
                     {"credential_id", "Certificaatnummer"},
                     {"valid_until", "Geldig tot"},
                     {"expected", "verwacht"},
                 }});
    l.push_back({.code = "pl",
                 .name = "Polish",
                 .babel = "polish",
                 .package = "texlive-lang-polish",
                 .months = {"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec",
                            "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
                 .short_months = {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz",
                                  "paź", "lis", "gru"},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}.{y}",
                 .numeric_day_month_year = "{D}.{M}.{y}",
                 .strings = {
                     {"present", "obecnie"},
                     {"degree_field", ", "},
                     {"gpa", "Średnia"},
                     {"thesis", "Praca dyplomowa"},
                     {"advisor", "Promotor"},
                     {"et_al", "i in."},
                     {"editor", "(red.)"},
                     {"editors", "(red.)"},
                     {"equal_contribution", "Równy wkład"},
                     {"corresponding_author", "Autor korespondencyjny"},
                     {"link", "odnośnik"},
                     {"code", "kod"},
                     {"preprint", "preprint"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "List motywacyjny"},
                     {"references", "Bibliografia"},
                     {"minor", "Specjalność dodatkowa"},
                     {"honors", "Wyróżnienie"},
                     {"technologies", "Technologie"},
                     {"invited", "Zaproszony"},
                     {"contributed", "Zgłoszony"},
                     {"keynote", "Wykład główny"},
                     {"plenary", "Plenarny"},
                     {"poster", "Plakat"},
                     {"tutorial", "Warsztat"},
                     {"panel", "Panel"},
                     {"credential_id", "Numer certyfikatu"},
                     {"valid_until", "Ważny do"},
                     {"expected", "planowane"},
                 }});
    l.push_back({.code = "tr",
                 .name = "Turkish",
                 .babel = "turkish",
                 .package = "texlive-lang-european",
                 .months = {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
                            "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
                 .short_months = {"Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl",
                                  "Eki", "Kas", "Ara"},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}.{y}",
                 .numeric_day_month_year = "{D}.{M}.{y}",
                 .strings = {
                     {"present", "günümüz"},
                     {"degree_field", ", "},
                     {"gpa", "Not ortalaması"},
                     {"thesis", "Tez"},
                     {"advisor", "Danışman"},
                     {"et_al", "vd."},
                     {"editor", "(ed.)"},
                     {"editors", "(ed.)"},
                     {"equal_contribution", "Eşit katkı"},
                     {"corresponding_author", "Sorumlu yazar"},
                     {"link", "bağlantı"},
                     {"code", "kod"},
                     {"preprint", "ön baskı"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "Ön yazı"},
                     {"references", "Kaynaklar"},
                     {"minor", "Yan dal"},
                     {"honors", "Onur derecesi"},
                     {"technologies", "Teknolojiler"},
                     {"invited", "Davetli"},
                     {"contributed", "Bildiri"},
                     {"keynote", "Açılış konuşması"},
                     {"plenary", "Genel oturum"},
                     {"poster", "Poster"},
                     {"tutorial", "Eğitim"},
                     {"panel", "Panel"},
                     {"credential_id", "Sertifika no"},
                     {"valid_until", "Geçerlilik"},
                     {"expected", "beklenen"},
                 }});
    l.push_back({.code = "zh",
                 .name = "Chinese",
                 .months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月",
                            "11月", "12月"},
                 .short_months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月",
                                  "10月", "11月", "12月"},
                 .month_year = "{y}年{m}",
                 .day_month_year = "{y}年{m}{d}日",
                 .numeric_month_year = "{y}/{M}",
                 .numeric_day_month_year = "{y}/{M}/{D}",
                 .strings = {
                     {"present", "至今"},
                     {"degree_field", "，"},
                     {"gpa", "绩点"},
                     {"thesis", "论文"},
                     {"advisor", "导师"},
                     {"et_al", "等"},
                     {"editor", "（编）"},
                     {"editors", "（编）"},
                     {"equal_contribution", "同等贡献"},
                     {"corresponding_author", "通讯作者"},
                     {"link", "链接"},
                     {"code", "代码"},
                     {"preprint", "预印本"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "求职信"},
                     {"references", "参考文献"},
                     {"minor", "辅修"},
                     {"honors", "荣誉"},
                     {"technologies", "技术"},
                     {"invited", "特邀报告"},
                     {"contributed", "投稿报告"},
                     {"keynote", "主旨报告"},
                     {"plenary", "大会报告"},
                     {"poster", "海报"},
                     {"tutorial", "教程"},
                     {"panel", "小组讨论"},
                     {"credential_id", "证书编号"},
                     {"valid_until", "有效期至"},
                     {"expected", "预计"},
                 }});
    l.push_back({.code = "ja",
                 .name = "Japanese",
                 .months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月",
                            "11月", "12月"},
                 .short_months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月",
                                  "10月", "11月", "12月"},
                 .month_year = "{y}年{m}",
                 .day_month_year = "{y}年{m}{d}日",
                 .numeric_month_year = "{y}/{M}",
                 .numeric_day_month_year = "{y}/{M}/{D}",
                 .strings = {
                     {"present", "現在"},
                     {"degree_field", "、"},
                     {"gpa", "成績評価"},
                     {"thesis", "論文"},
                     {"advisor", "指導教員"},
                     {"et_al", "他"},
                     {"editor", "（編）"},
                     {"editors", "（編）"},
                     {"equal_contribution", "同等貢献"},
                     {"corresponding_author", "責任著者"},
                     {"link", "リンク"},
                     {"code", "コード"},
                     {"preprint", "プレプリント"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "カバーレター"},
                     {"references", "参考文献"},
                     {"minor", "副専攻"},
                     {"honors", "表彰"},
                     {"technologies", "使用技術"},
                     {"invited", "招待講演"},
                     {"contributed", "一般講演"},
                     {"keynote", "基調講演"},
                     {"plenary", "全体講演"},
                     {"poster", "ポスター"},
                     {"tutorial", "チュートリアル"},
                     {"panel", "パネル"},
                     {"credential_id", "資格番号"},
                     {"valid_until", "有効期限"},
                     {"expected", "予定"},
                 }});
    l.push_back({.code = "ar",
                 .name = "Arabic",
                 .rtl = "arabic",
                 .months = {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                            "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
                 .short_months = {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
                                  "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} {m} {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "حتى الآن"},
                     {"degree_field", " في "},
                     {"gpa", "المعدل"},
                     {"thesis", "الأطروحة"},
                     {"advisor", "المشرف"},
                     {"et_al", "وآخرون"},
                     {"editor", "(محرر)"},
                     {"editors", "(محررون)"},
                     {"equal_contribution", "مساهمة متساوية"},
                     {"corresponding_author", "المؤلف المراسل"},
                     {"link", "رابط"},
                     {"code", "الشيفرة"},
                     {"preprint", "مسودة"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "رسالة تعريفية"},
                     {"references", "المراجع"},
                     {"minor", "تخصص فرعي"},
                     {"honors", "مرتبة الشرف"},
                     {"technologies", "التقنيات"},
                     {"invited", "مدعوة"},
                     {"contributed", "مشاركة"},
                     {"keynote", "كلمة رئيسية"},
                     {"plenary", "جلسة عامة"},
                     {"poster", "ملصق"},
                     {"tutorial", "ورشة تعليمية"},
                     {"panel", "حلقة نقاش"},
                     {"credential_id", "رقم الشهادة"},
                     {"valid_until", "صالحة حتى"},
                     {"expected", "متوقع"},
                 }});
    l.push_back({.code = "he",
                 .name = "Hebrew",
                 .rtl = "hebrew",
                 .months = {"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי", "אוגוסט",
                            "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"},
                 .short_months = {"ינואר", "פברואר", "מרץ", "אפריל", "מאי", "יוני", "יולי",
                                  "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר"},
                 .month_year = "{m} {y}",
                 .day_month_year = "{d} ב{m} {y}",
                 .numeric_month_year = "{M}/{y}",
                 .numeric_day_month_year = "{D}/{M}/{y}",
                 .strings = {
                     {"present", "היום"},
                     {"degree_field", " ב"},
                     {"gpa", "ממוצע"},
                     {"thesis", "עבודת גמר"},
                     {"advisor", "מנחה"},
                     {"et_al", "ואחרים"},
                     {"editor", "(עורך)"},
                     {"editors", "(עורכים)"},
                     {"equal_contribution", "תרומה שווה"},
                     {"corresponding_author", "מחבר מכותב"},
                     {"link", "קישור"},
                     {"code", "קוד"},
                     {"preprint", "טרום פרסום"},
                     {"google_scholar", "Google Scholar"},
                     {"orcid", "ORCID"},
                     {"cover_letter", "מכתב מקדים"},
                     {"references", "מקורות"},
                     {"minor", "חוג משני"},
                     {"honors", "הצטיינות"},
                     {"technologies", "טכנולוגיות"},
                     {"invited", "הרצאה מוזמנת"},
                     {"contributed", "הרצאה"},
                     {"keynote", "הרצאה מרכזית"},
                     {"plenary", "מליאה"},
                     {"poster", "פוסטר"},
                     {"tutorial", "סדנה"},
                     {"panel", "פאנל"},
                     {"credential_id", "מספר תעודה"},
                     {"valid_until", "בתוקף עד"},
                     {"expected", "צפוי"},
                 }});
    return l;
}

void fill(Locale& out, const LocaleInfo& info) {
    out.code = info.code;
    out.babel = info.babel;
    out.package = info.package;
    out.rtl = info.rtl;
    for (std::size_t i = 0; i < 12; ++i) {
        out.months[i] = info.months[i];
        out.short_months[i] = info.short_months[i];
    }
    out.month_year = info.month_year;
    out.day_month_year = info.day_month_year;
    out.numeric_month_year = info.numeric_month_year;
    out.numeric_day_month_year = info.numeric_day_month_year;
    for (const auto& [key, text] : info.strings)
        out.strings.insert_or_assign(std::string(key), std::string(text));
}

}  // namespace

const std::vector<LocaleInfo>& builtin_locales() {
    static const std::vector<LocaleInfo> locales = make_locales();
    return locales;
}

const LocaleInfo* find_locale(std::string_view code) {
    for (const auto& l : builtin_locales())
        if (l.code == code) return &l;
    return nullptr;
}

std::vector<std::string> locale_keys() {
    std::vector<std::string> keys;
    for (const auto& [key, text] : builtin_locales().front().strings) keys.emplace_back(key);
    keys.insert(keys.end(), month_keys.begin(), month_keys.end());
    keys.insert(keys.end(), short_month_keys.begin(), short_month_keys.end());
    return keys;
}

const Locale& english_locale() {
    static const Locale english;
    return english;
}

Locale::Locale() {
    fill(*this, builtin_locales().front());
}

Locale Locale::of(std::string_view code, std::vector<std::string>* missing) {
    const LocaleInfo* info = find_locale(code);
    if (!info || info->code == "en") return Locale();
    return from(*info, missing);
}

Locale Locale::from(const LocaleInfo& info, std::vector<std::string>* missing) {
    Locale out;
    const auto english = out.strings;
    out.strings.clear();
    fill(out, info);
    for (const auto& [key, text] : english) {
        if (out.strings.contains(key)) continue;
        out.strings.emplace(key, text);
        if (missing) missing->push_back(key);
    }
    return out;
}

bool Locale::set(std::string_view key, std::string value) {
    for (std::size_t i = 0; i < 12; ++i) {
        if (key == month_keys[i]) {
            months[i] = std::move(value);
            return true;
        }
        if (key == short_month_keys[i]) {
            short_months[i] = std::move(value);
            return true;
        }
    }
    auto it = strings.find(key);
    if (it == strings.end()) return false;
    it->second = std::move(value);
    return true;
}

const std::string& Locale::get(std::string_view key) const {
    static const std::string none;
    auto it = strings.find(key);
    return it == strings.end() ? none : it->second;
}

}  // namespace cvtex
