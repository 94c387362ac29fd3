/* test-framework.c: loading frameworks, good and bad
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sc-framework.h"

static char *
read_test_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "framework", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static ScFramework *
load_string (const char  *text,
             GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return sc_framework_load_bytes (bytes, "t.xml", error);
}

/* The minimal framework loads, and every part is where it should be. */
static void
test_minimal (void)
{
  g_autofree char *xml = read_test_file ("minimal.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = load_string (xml, &error);
  const ScQuestion *q2;
  const ScRule *rule;
  g_autofree char *sha = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  g_assert_cmpstr (sc_framework_get_id (fw), ==, "t");
  g_assert_cmpstr (sc_framework_get_title (fw), ==, "T");
  g_assert_cmpuint (sc_framework_get_indicators (fw)->len, ==, 3);
  g_assert_cmpuint (sc_framework_get_scales (fw)->len, ==, 1);

  q2 = sc_framework_lookup_question (fw, "q2");
  g_assert_nonnull (q2);
  g_assert_cmpint (q2->type, ==, SC_QUESTION_SCALE);
  g_assert_cmpstr (q2->scale->id, ==, "s");
  g_assert_cmpuint (q2->indicators->len, ==, 1);
  g_assert_cmpstr (((ScIndicator *) g_ptr_array_index (q2->indicators, 0))->id, ==, "1.1");
  g_assert_cmpuint (q2->conditions->len, ==, 1);
  g_assert_true (sc_framework_lookup_question (fw, "q1")->required);
  g_assert_false (q2->required);
  g_assert_cmpstr (sc_framework_get_question_instrument (fw, q2)->id, ==, "r");

  g_assert_cmpint (sc_scale_lookup_level (q2->scale, "hi")->value, ==, 2);
  g_assert_cmpstr (sc_scale_lookup_level (q2->scale, "1")->id, ==, "lo");
  g_assert_null (sc_scale_lookup_level (q2->scale, "3"));

  rule = g_ptr_array_index (sc_framework_get_rules (fw), 0);
  g_assert_cmpstr (rule->target->id, ==, "ov");
  g_assert_cmpuint (rule->when_any->len, ==, 1);
  g_assert_cmpint (rule->cap, ==, 1);

  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, xml, -1);
  g_assert_cmpstr (sc_framework_get_sha256 (fw), ==, sha);
  g_assert_cmpuint (g_bytes_get_size (sc_framework_get_xml (fw)), ==, strlen (xml));
}

/* Texts in several languages: the asked-for one, else English, else the first. */
static void
test_languages (void)
{
  g_autofree char *xml = read_test_file ("minimal.xml");
  g_autoptr (GString) edited = g_string_new (xml);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = NULL;
  const ScQuestion *q1;

  g_string_replace (edited, "<title>T</title>",
                    "<title>Title</title><title xml:lang=\"gd\">Tiotal</title>", 1);
  g_string_replace (edited, "<text>Q1</text>",
                    "<text xml:lang=\"fr\">Question un</text>"
                    "<text xml:lang=\"de-DE\">Frage eins</text>", 1);
  fw = load_string (edited->str, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (sc_text_get_for (NULL, "en"), ==, NULL);
  g_assert_cmpstr (sc_framework_get_lang (fw), ==, "en");
  q1 = sc_framework_lookup_question (fw, "q1");
  g_assert_cmpstr (sc_text_get_for (q1->text, "de"), ==, "Frage eins");
  g_assert_cmpstr (sc_text_get_for (q1->text, "de_DE.UTF-8"), ==, "Frage eins");
  g_assert_cmpstr (sc_text_get_for (q1->text, "fr"), ==, "Question un");
  /* Neither English nor the asked-for language: the first given. */
  g_assert_cmpstr (sc_text_get_for (q1->text, "gd"), ==, "Question un");
}

/* Broken frameworks: each case edits the minimal framework and expects
 * one message at one line. */
typedef struct
{
  const char *name;
  const char *find;
  const char *replace;
  guint line;
  const char *message;
  ScFrameworkError code;
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "duplicate-id", "id=\"q3\"", "id=\"q1\"", 30, "already used on line 28",
    SC_FRAMEWORK_ERROR_INVALID },
  { "duplicate-id-across-kinds", "<group id=\"g\">", "<group id=\"kj\">", 27,
    "already used on line 19", SC_FRAMEWORK_ERROR_INVALID },
  { "bad-id", "<group id=\"g\">", "<group id=\"g g\">", 27, "is not a usable id",
    SC_FRAMEWORK_ERROR_INVALID },
  { "missing-attribute", "<question id=\"q3\" type=\"choice\"", "<question id=\"q3\"", 30,
    "<question> needs a “type” attribute", SC_FRAMEWORK_ERROR_INVALID },
  { "unknown-type", "type=\"yesno\"", "type=\"bool\"", 28, "unknown question type “bool”",
    SC_FRAMEWORK_ERROR_INVALID },
  { "unknown-scale", "type=\"scale\" scale=\"s\"", "type=\"scale\" scale=\"zz\"", 29,
    "there is no scale “zz”", SC_FRAMEWORK_ERROR_INVALID },
  { "scale-question-without-scale", "type=\"scale\" scale=\"s\"", "type=\"scale\"", 29,
    "needs a scale=", SC_FRAMEWORK_ERROR_INVALID },
  { "choices-on-yesno", "type=\"yesno\" required", "type=\"yesno\" choices=\"c\" required", 28,
    "only choice and multi questions take a choices attribute", SC_FRAMEWORK_ERROR_INVALID },
  { "unknown-choice-list", "choices=\"c\"", "choices=\"nope\"", 30,
    "there is no choice list “nope”", SC_FRAMEWORK_ERROR_INVALID },
  { "unknown-indicator-link", "indicators=\"1.1\"", "indicators=\"1.1 9.9\"", 29,
    "there is no indicator “9.9”", SC_FRAMEWORK_ERROR_INVALID },
  { "min-above-max", "type=\"choice\" choices=\"c\"", "type=\"number\" min=\"5\" max=\"1\"", 30,
    "min is greater than max", SC_FRAMEWORK_ERROR_INVALID },
  { "min-on-text", "type=\"choice\" choices=\"c\"", "type=\"text\" min=\"1\"", 30,
    "only number questions take min and max", SC_FRAMEWORK_ERROR_INVALID },
  { "level-order", "value=\"2\"", "value=\"3\"", 8, "must be listed best first",
    SC_FRAMEWORK_ERROR_INVALID },
  { "level-not-a-number", "value=\"2\"", "value=\"two\"", 8, "must be a whole number",
    SC_FRAMEWORK_ERROR_INVALID },
  { "duplicate-level", "id=\"lo\"", "id=\"hi\"", 9, "already has a level “hi”",
    SC_FRAMEWORK_ERROR_INVALID },
  { "show-if-unknown", "question=\"q1\" equals", "question=\"nope\" equals", 29,
    "not a question of the same instrument", SC_FRAMEWORK_ERROR_INVALID },
  { "show-if-self", "question=\"q1\" equals=\"yes\"", "question=\"q2\" equals=\"hi\"", 29,
    "cannot depend on its own answer", SC_FRAMEWORK_ERROR_INVALID },
  { "show-if-impossible", "equals=\"yes\"", "equals=\"maybe\"", 29, "can never be “maybe”",
    SC_FRAMEWORK_ERROR_INVALID },
  { "show-if-cycle", "<text>Q1</text>", "<text>Q1</text><show-if question=\"q2\" equals=\"hi\"/>",
    28, "go round in a circle (q1 → q2 → q1)", SC_FRAMEWORK_ERROR_INVALID },
  { "rule-unknown-indicator", "when-any=\"kj\"", "when-any=\"kx\"", 24,
    "there is no indicator “kx”", SC_FRAMEWORK_ERROR_INVALID },
  { "rule-cap-above-scale", "cap=\"1\"", "cap=\"5\"", 24, "above the top of the scale",
    SC_FRAMEWORK_ERROR_INVALID },
  { "rule-kind", "kind=\"limit\"", "kind=\"floor\"", 24, "unknown rule kind “floor”",
    SC_FRAMEWORK_ERROR_INVALID },
  { "parent-not-key-judgement", "<indicator id=\"1.1\" scale=\"s\">",
    "<indicator id=\"1.1\" scale=\"s\" kind=\"graded\" parent=\"ov\">", 18,
    "must be a key judgement", SC_FRAMEWORK_ERROR_INVALID },
  { "parent-on-plain-indicator", "<indicator id=\"1.1\" scale=\"s\">",
    "<indicator id=\"1.1\" scale=\"s\" parent=\"kj\">", 18,
    "only a graded judgement can have a parent", SC_FRAMEWORK_ERROR_INVALID },
  { "indicator-kind", "kind=\"overall\"", "kind=\"global\"", 20, "unknown indicator kind",
    SC_FRAMEWORK_ERROR_INVALID },
  { "illustration-level", "<title>I</title></indicator>",
    "<title>I</title><illustration level=\"mid\"><text>x</text></illustration></indicator>", 18,
    "has no level “mid”", SC_FRAMEWORK_ERROR_INVALID },
  { "unknown-element", "<title>R</title>", "<title>R</title><widget/>", 26,
    "<widget> does not belong inside <instrument>", SC_FRAMEWORK_ERROR_INVALID },
  { "wrong-order", "</scales>", "</scales><publisher>Q</publisher>", 11,
    "<publisher> must come before <scales>", SC_FRAMEWORK_ERROR_INVALID },
  { "empty-text", "<title>S</title>", "<title>  </title>", 7, "<title> is empty",
    SC_FRAMEWORK_ERROR_INVALID },
  { "same-language-twice", "<title>T</title>", "<title>T</title><title xml:lang=\"en\">U</title>",
    3, "a second <title> in the language “en”", SC_FRAMEWORK_ERROR_INVALID },
  { "markup-in-text", "<text>Q3</text>", "<text>Q<b>3</b></text>", 30,
    "holds plain text only", SC_FRAMEWORK_ERROR_INVALID },
  { "stray-text", "<group id=\"g\">", "<group id=\"g\">loose words", 27, "unexpected text",
    SC_FRAMEWORK_ERROR_INVALID },
  { "foreign-element", "<title>R</title>", "<title>R</title><x:y xmlns:x=\"urn:x\"/>", 26,
    "is not in the framework namespace", SC_FRAMEWORK_ERROR_INVALID },
  { "missing-publisher", "<publisher>P</publisher>", "", 2, "the framework has no <publisher>",
    SC_FRAMEWORK_ERROR_INVALID },
  { "schema-backstop", "required=\"true\"", "required=\"true\" colour=\"red\"", 28,
    "does not follow the framework schema", SC_FRAMEWORK_ERROR_INVALID },
  { "required-not-boolean", "required=\"true\"", "required=\"yes\"", 28,
    "required=\"yes\" must be true or false", SC_FRAMEWORK_ERROR_INVALID },
  { "not-well-formed", "</group>", "</grop>", 31, "not well-formed XML",
    SC_FRAMEWORK_ERROR_MALFORMED },
  { "wrong-namespace", "urn:scrutineer:framework:1", "urn:other", 2,
    "this is not a Scrutineer framework", SC_FRAMEWORK_ERROR_MALFORMED },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autofree char *xml = read_test_file ("minimal.xml");
  g_autoptr (GString) edited = g_string_new (xml);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = NULL;
  g_autofree char *where = g_strdup_printf ("t.xml:%u: ", c->line);

  g_assert_cmpuint (g_string_replace (edited, c->find, c->replace, 1), ==, 1);
  fw = load_string (edited->str, &error);
  g_assert_null (fw);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_nonnull (strstr (error->message, c->message));
  g_assert_error (error, SC_FRAMEWORK_ERROR, (int) c->code);
}

/* Several problems are all reported, one line each. */
static void
test_several_problems (void)
{
  g_autofree char *xml = read_test_file ("minimal.xml");
  g_autoptr (GString) edited = g_string_new (xml);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = NULL;
  g_auto (GStrv) lines = NULL;

  g_string_replace (edited, "choices=\"c\"", "choices=\"nope\"", 1);
  g_string_replace (edited, "cap=\"1\"", "cap=\"9\"", 1);
  g_string_replace (edited, "value=\"2\"", "value=\"7\"", 1);
  fw = load_string (edited->str, &error);
  g_assert_null (fw);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "t.xml:8: "));
  g_assert_true (g_str_has_prefix (lines[1], "t.xml:24: "));
  g_assert_true (g_str_has_prefix (lines[2], "t.xml:30: "));
}

/* Hostile input: refused, with nothing of any other file in the message. */
static void
assert_refused (const char      *text,
                gsize            size,
                ScFrameworkError code,
                const char      *message)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = NULL;
  g_autofree char *passwd = NULL;

  fw = sc_framework_load_bytes (bytes, "hostile.xml", &error);
  g_assert_null (fw);
  g_assert_error (error, SC_FRAMEWORK_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "hostile.xml"));
  g_assert_nonnull (strstr (error->message, message));
  g_assert_null (strstr (error->message, "root:"));
  g_assert_null (strstr (error->message, "lollol"));
  g_assert_cmpuint (strlen (error->message), <, 2000);
}

static void
test_hostile_file (gconstpointer data)
{
  const char * const *c = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "framework", "hostile", c[0], NULL);
  g_autofree char *text = NULL;
  gsize size;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &text, &size, &error);
  g_assert_no_error (error);
  assert_refused (text, size, (ScFrameworkError) atoi (c[1]), c[2]);
}

static void
test_quadratic_blowup (void)
{
  g_autoptr (GString) text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE framework [<!ENTITY a \"");
  for (int i = 0; i < 50000; i++)
    g_string_append_c (text, 'A');
  g_string_append (text, "\">]>\n<framework xmlns=\"urn:scrutineer:framework:1\"><title>");
  for (int i = 0; i < 50000; i++)
    g_string_append (text, "&a;");
  g_string_append (text, "</title></framework>\n");
  assert_refused (text->str, text->len, SC_FRAMEWORK_ERROR_FORBIDDEN, "not allowed");
}

static void
test_truncated (void)
{
  g_autofree char *xml = read_test_file ("minimal.xml");
  gsize full = strlen (xml);

  /* Every cut of a valid file is refused, none crashes. */
  for (gsize cut = 0; cut < full - 12; cut += 7)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (xml, cut);
      g_autoptr (GError) error = NULL;
      g_autoptr (ScFramework) fw = sc_framework_load_bytes (bytes, "cut.xml", &error);

      g_assert_null (fw);
      g_assert_true (g_str_has_prefix (error->message, "cut.xml"));
    }
  assert_refused (xml, full / 2, SC_FRAMEWORK_ERROR_MALFORMED, "not well-formed XML");
  assert_refused ("", 0, SC_FRAMEWORK_ERROR_MALFORMED, "the file is empty");
}

static void
test_binary (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  guchar noise[4096];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guchar) g_rand_int_range (rand, 0, 256);
  assert_refused ((const char *) noise, sizeof noise, SC_FRAMEWORK_ERROR_MALFORMED,
                  "not well-formed XML");
  /* A UTF-16 byte order mark followed by garbage. */
  assert_refused ("\xff\xfe\x00\x01\x02", 5, SC_FRAMEWORK_ERROR_MALFORMED, "not well-formed");
}

static void
test_oversize (void)
{
  gsize size = SC_FRAMEWORK_MAX_SIZE + 1;
  g_autofree char *text = g_malloc (size);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = NULL;
  int fd;

  memset (text, ' ', size);
  memcpy (text, "<framework>", 11);
  assert_refused (text, size, SC_FRAMEWORK_ERROR_TOO_LARGE, "too large");

  fd = g_file_open_tmp ("scrutineer-big-XXXXXX.xml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, text, (gssize) size, &error);
  g_assert_no_error (error);
  fw = sc_framework_load_file (path, &error);
  g_assert_null (fw);
  g_assert_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_TOO_LARGE);
  g_unlink (path);
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = sc_framework_load_file ("/nonexistent/framework.xml", &error);

  g_assert_null (fw);
  g_assert_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/framework.xml: "));
}

/* The shipped frameworks */

static ScFramework *
load_builtin (const char *name)
{
  g_autoptr (GError) error = NULL;
  ScFramework *fw = sc_framework_load_builtin (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  return fw;
}

static void
test_builtin_list (void)
{
  g_auto (GStrv) names = sc_framework_list_builtin ();

  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "ci-joint-children-2012");
  g_assert_cmpstr (names[1], ==, "ci-supervision-at-home");
  g_assert_cmpstr (names[2], ==, "ofsted-sif-2013");
}

static void
test_builtin_ci_2012 (void)
{
  g_autoptr (ScFramework) fw = load_builtin ("ci-joint-children-2012");
  const char * const ids[] = {
    "1.1", "2.1", "2.2", "3.1", "4.1", "5.1", "5.2", "5.3", "5.4", "6.1", "6.2",
    "6.3", "7.1", "7.2", "8.1", "8.2", "8.3", "9.1", "9.2", "9.3", "9.4", "10.1",
  };
  const ScScale *scale = sc_framework_lookup_scale (fw, "ci-six");
  const ScInstrument *reading = sc_framework_lookup_instrument (fw, "record-reading");
  const ScQuestion *oversight = NULL;
  gboolean seen_type[SC_QUESTION_NUMBER + 1] = { FALSE };
  guint conditions = 0;

  g_assert_cmpuint (sc_framework_get_indicators (fw)->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (sc_framework_lookup_indicator (fw, ids[i]));
  g_assert_cmpuint (sc_framework_get_sections (fw)->len, ==, 6);

  g_assert_nonnull (scale);
  g_assert_cmpuint (scale->levels->len, ==, 6);
  g_assert_cmpstr (sc_text_get_for (((ScLevel *) g_ptr_array_index (scale->levels, 0))->label,
                                    "en"), ==, "Excellent");
  g_assert_cmpstr (((ScLevel *) g_ptr_array_index (scale->levels, 5))->id, ==, "unsatisfactory");

  g_assert_nonnull (reading);
  g_assert_cmpint (reading->kind, ==, SC_INSTRUMENT_KIND_RECORD);
  g_assert_cmpuint (sc_instrument_count_questions (reading), >=, 25);
  for (guint g = 0; g < reading->groups->len; g++)
    {
      ScGroup *group = g_ptr_array_index (reading->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          ScQuestion *question = g_ptr_array_index (group->questions, q);

          seen_type[question->type] = TRUE;
          conditions += question->conditions->len;
          if (question->choices != NULL && sc_choice_list_lookup (question->choices, "unclear"))
            oversight = question;
        }
    }
  for (guint t = 0; t <= SC_QUESTION_NUMBER; t++)
    g_assert_true (seen_type[t]);
  g_assert_cmpuint (conditions, >=, 3);
  /* Management oversight: yes / no / unclear / too recent to judge. */
  g_assert_nonnull (oversight);
  g_assert_cmpuint (oversight->choices->choices->len, ==, 4);

  g_assert_nonnull (sc_framework_lookup_instrument (fw, "focus-group"));
  g_assert_cmpint (sc_framework_lookup_instrument (fw, "focus-group")->kind, ==,
                   SC_INSTRUMENT_KIND_FOCUS_GROUP);
}

static void
test_builtin_ofsted (void)
{
  g_autoptr (ScFramework) fw = load_builtin ("ofsted-sif-2013");
  const ScScale *scale = sc_framework_lookup_scale (fw, "ofsted-four");
  const ScRule *rule;
  guint key = 0;

  g_assert_cmpuint (scale->levels->len, ==, 4);
  g_assert_cmpstr (sc_scale_lookup_level (scale, "4")->id, ==, "outstanding");
  g_assert_cmpstr (sc_scale_lookup_level (scale, "1")->id, ==, "inadequate");
  for (guint i = 0; i < sc_framework_get_indicators (fw)->len; i++)
    if (((ScIndicator *) g_ptr_array_index (sc_framework_get_indicators (fw), i))->kind ==
        SC_INDICATOR_KIND_KEY_JUDGEMENT)
      key++;
  g_assert_cmpuint (key, ==, 3);
  g_assert_true (sc_framework_lookup_indicator (fw, "GJ-ADOPT")->parent ==
                 sc_framework_lookup_indicator (fw, "KJ2"));
  g_assert_true (sc_framework_lookup_indicator (fw, "GJ-LEAVERS")->parent ==
                 sc_framework_lookup_indicator (fw, "KJ2"));
  g_assert_cmpint (sc_framework_lookup_indicator (fw, "LSCB")->kind, ==, SC_INDICATOR_KIND_GRADED);
  g_assert_cmpint (sc_framework_lookup_indicator (fw, "OE")->kind, ==, SC_INDICATOR_KIND_OVERALL);

  g_assert_cmpuint (sc_framework_get_rules (fw)->len, ==, 1);
  rule = g_ptr_array_index (sc_framework_get_rules (fw), 0);
  g_assert_cmpstr (rule->target->id, ==, "OE");
  g_assert_cmpuint (rule->when_any->len, ==, 3);
  g_assert_cmpint (rule->at_or_below, ==, 1);
  g_assert_cmpint (rule->cap, ==, 1);
  g_assert_nonnull (sc_framework_lookup_instrument (fw, "case-tracking"));
}

static void
test_builtin_supervision (void)
{
  g_autoptr (ScFramework) fw = load_builtin ("ci-supervision-at-home");
  guint n_record = 0;

  g_assert_cmpuint (sc_framework_get_indicators (fw)->len, >=, 6);
  g_assert_cmpuint (sc_framework_lookup_scale (fw, "ci-six")->levels->len, ==, 6);
  for (guint i = 0; i < sc_framework_get_instruments (fw)->len; i++)
    {
      ScInstrument *instrument = g_ptr_array_index (sc_framework_get_instruments (fw), i);

      if (instrument->kind == SC_INSTRUMENT_KIND_RECORD)
        n_record += sc_instrument_count_questions (instrument);
    }
  g_assert_cmpuint (n_record, >=, 20);
}

static void
test_builtin_unknown (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ScFramework) fw = sc_framework_load_builtin ("no-such-framework", &error);

  g_assert_null (fw);
  g_assert_error (error, SC_FRAMEWORK_ERROR, SC_FRAMEWORK_ERROR_IO);
}

int
main (int    argc,
      char **argv)
{
  static const char * const hostile[][3] = {
    { "billion-laughs.xml", "2", "document type declarations" },
    { "external-entity.xml", "2", "document type declarations" },
    { "external-dtd.xml", "2", "document type declarations" },
    { "parameter-entity.xml", "2", "document type declarations" },
    { "xinclude.xml", "4", "plain text only" },
    { "wrong-namespace.xml", "3", "not a Scrutineer framework" },
    { "undefined-entity.xml", "3", "not well-formed XML" },
  };

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/framework/minimal", test_minimal);
  g_test_add_func ("/framework/languages", test_languages);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/framework/broken/%s", broken_cases[i].name);

      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }
  g_test_add_func ("/framework/several-problems", test_several_problems);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_strdup_printf ("/framework/hostile/%s", hostile[i][0]);

      g_test_add_data_func (path, hostile[i], test_hostile_file);
    }
  g_test_add_func ("/framework/hostile/quadratic-blowup", test_quadratic_blowup);
  g_test_add_func ("/framework/hostile/truncated", test_truncated);
  g_test_add_func ("/framework/hostile/binary", test_binary);
  g_test_add_func ("/framework/hostile/oversize", test_oversize);
  g_test_add_func ("/framework/missing-file", test_missing_file);
  g_test_add_func ("/framework/builtin/list", test_builtin_list);
  g_test_add_func ("/framework/builtin/ci-2012", test_builtin_ci_2012);
  g_test_add_func ("/framework/builtin/ofsted", test_builtin_ofsted);
  g_test_add_func ("/framework/builtin/supervision", test_builtin_supervision);
  g_test_add_func ("/framework/builtin/unknown", test_builtin_unknown);

  return g_test_run ();
}
