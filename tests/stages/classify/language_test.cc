// Language detection (CLD2) on sentences written for this test.
#include <gtest/gtest.h>

#include "stages/classify/classify_stage.h"

namespace newsflow {
namespace {

struct Sample {
  const char* expected;
  const char* title;
  const char* body;
};

class LanguageTest : public ::testing::TestWithParam<Sample> {};

TEST_P(LanguageTest, DetectsTheLanguageOfTitleAndBody) {
  const Sample& s = GetParam();
  LanguageGuess g = DetectLanguage(s.title, s.body, 512);
  EXPECT_EQ(g.code, s.expected) << s.body;
  EXPECT_GT(g.confidence, 0.5);
  EXPECT_LE(g.confidence, 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    Languages, LanguageTest,
    ::testing::Values(
        Sample{"en", "Council approves new harbour bridge",
               "The town council voted on Tuesday to build a new bridge across the harbour, "
               "after residents complained for years about the long drive around the bay. "
               "Work is expected to begin next spring and should take two years."},
        Sample{"fr", "Le conseil municipal approuve un nouveau pont",
               "Le conseil municipal a voté mardi la construction d'un nouveau pont sur le "
               "port, après des années de plaintes des habitants sur le long détour autour de "
               "la baie. Les travaux devraient commencer au printemps prochain."},
        Sample{"de", "Stadtrat genehmigt neue Hafenbrücke",
               "Der Stadtrat hat am Dienstag beschlossen, eine neue Brücke über den Hafen zu "
               "bauen, nachdem sich die Anwohner jahrelang über den langen Umweg um die Bucht "
               "beschwert hatten. Die Arbeiten sollen im nächsten Frühjahr beginnen."},
        Sample{"es", "El ayuntamiento aprueba un nuevo puente",
               "El ayuntamiento votó el martes a favor de construir un nuevo puente sobre el "
               "puerto, después de que los vecinos se quejaran durante años del largo rodeo "
               "alrededor de la bahía. Las obras comenzarán la próxima primavera."},
        Sample{"it", "Il consiglio comunale approva un nuovo ponte",
               "Il consiglio comunale ha votato martedì per costruire un nuovo ponte sul "
               "porto, dopo che per anni i residenti si erano lamentati del lungo giro intorno "
               "alla baia. I lavori dovrebbero iniziare la prossima primavera."},
        Sample{"ru", "Городской совет одобрил строительство нового моста",
               "Во вторник городской совет проголосовал за строительство нового моста через "
               "гавань после того, как жители годами жаловались на долгий объезд вокруг "
               "залива. Работы должны начаться следующей весной и продлятся два года."},
        Sample{"ja", "市議会が新しい港の橋を承認",
               "市議会は火曜日、湾を迂回する長い道のりについて住民が何年も不満を訴えてきた"
               "ことを受け、港に新しい橋を建設することを決めた。工事は来年の春に始まり、"
               "二年かかる見込みだ。"},
        Sample{"zh", "市议会批准建设新的港口大桥",
               "市议会星期二投票决定在港口上建设一座新桥。多年来，居民一直抱怨绕着海湾行驶"
               "的路程太长。工程预计明年春天开始，需要两年时间完成。"},
        Sample{"ar", "مجلس المدينة يوافق على بناء جسر جديد",
               "صوّت مجلس المدينة يوم الثلاثاء على بناء جسر جديد فوق الميناء، بعد أن اشتكى "
               "السكان لسنوات من الطريق الطويل حول الخليج. ومن المتوقع أن تبدأ الأعمال في "
               "الربيع المقبل وأن تستغرق عامين."},
        Sample{"ko", "시의회, 새 항구 다리 건설 승인",
               "시의회는 화요일 주민들이 수년 동안 만을 돌아가는 먼 길에 대해 불평한 끝에 "
               "항구를 가로지르는 새 다리를 건설하기로 의결했다. 공사는 내년 봄에 시작될 "
               "예정이다."}));

TEST(LanguageTest, EmptyOrMeaninglessTextIsUndetermined) {
  EXPECT_EQ(DetectLanguage("", "", 512).code, "und");
  EXPECT_EQ(DetectLanguage("", "", 512).confidence, 0);
  EXPECT_EQ(DetectLanguage("12:30", "2025-01-01 | 4-2 | 17:45", 512).code, "und");
}

TEST(LanguageTest, ReadsOnlyThePrefixItIsGiven) {
  // English first, then a long German tail: a 200-byte limit sees only the English.
  std::string body =
      "The minister said the railway plan would be published next month after talks. ";
  body += body;
  for (int i = 0; i < 20; ++i) {
    body +=
        "Der Minister sagte, der Plan werde nach den Gesprächen im nächsten Monat veröffentlicht. ";
  }
  EXPECT_EQ(DetectLanguage("", body, 200).code, "en");
  EXPECT_EQ(DetectLanguage("", body, 100000).code, "de");
}

TEST(LanguageTest, ReadsMoreWhenTheProbeIsNotEnough) {
  // A probe of numbers and names alone is not reliable; the text after it settles it.
  std::string body = "2025-01-01 | 4-2 | 17:45 | 12:30 | 2026 | 3-1 | 90+2 | 45' | 18:00 |\n";
  body +=
      "La selección ganó el partido del domingo gracias a un gol en el último minuto, y el "
      "entrenador dijo que el equipo había jugado mejor que en toda la temporada anterior.";
  EXPECT_EQ(DetectLanguage("", body, 60).code, "und");
  EXPECT_EQ(DetectLanguage("", body, 60, 2048).code, "es");
  EXPECT_EQ(DetectLanguage("", body, 2048, 60).code, "und");  // max_bytes wins
}

TEST(LanguageTest, CutsAtUtf8Boundary) {
  // A limit inside a multi-byte character must not produce invalid UTF-8 (CLD2 would then
  // answer "und" for the whole text).
  std::string body =
      "Городской совет проголосовал за строительство нового моста через гавань после того, как "
      "жители годами жаловались на долгий объезд вокруг залива.";
  for (size_t limit = 101; limit < 110; ++limit) {
    EXPECT_EQ(DetectLanguage("", body, limit).code, "ru") << limit;
  }
}

}  // namespace
}  // namespace newsflow
