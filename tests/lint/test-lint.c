/* test-lint.c: the confidentiality checker on identifying and ordinary text
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most cases live in cases.tsv (see the head of that file). Each identifying
 * case is a test of its own and must give exactly its marked findings; the
 * ordinary sentences are one test, which reports how many gave a false
 * alarm and fails above one in twenty.
 */
#include <string.h>

#include "sc-lint.h"

#define MIN_CASES 60

typedef struct
{
  ScLintKind kind;
  gsize start;
  gsize end;
} Expected;

typedef struct
{
  guint line;
  gboolean ordinary;
  char *text;
  GArray *expected; /* Expected */
} Case;

static GPtrArray *identifying_cases; /* Case* */
static GPtrArray *ordinary_cases;    /* Case* */

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->text);
  g_array_unref (c->expected);
  g_free (c);
}

static gboolean
kind_from_string (const char *name,
                  gsize       length,
                  ScLintKind *kind)
{
  for (ScLintKind k = SC_LINT_NAME; k <= SC_LINT_EMAIL; k++)
    {
      const char *s = sc_lint_kind_to_string (k);

      if (strlen (s) == length && strncmp (s, name, length) == 0)
        {
          *kind = k;
          return TRUE;
        }
    }
  return FALSE;
}

/* Takes the [[…]] markers out of MARKED, noting the byte spans they held. */
static Case *
parse_case (guint       line,
            const char *kind_name,
            const char *marked)
{
  Case *c = g_new0 (Case, 1);
  GString *text = g_string_new (NULL);
  gboolean mixed = g_str_equal (kind_name, "mixed");
  ScLintKind line_kind = SC_LINT_NAME;
  const char *p = marked;

  c->line = line;
  c->ordinary = g_str_equal (kind_name, "none");
  c->expected = g_array_new (FALSE, FALSE, sizeof (Expected));
  if (!c->ordinary && !mixed && !kind_from_string (kind_name, strlen (kind_name), &line_kind))
    g_error ("cases.tsv:%u: unknown kind “%s”", line, kind_name);

  while (*p != '\0')
    {
      const char *open = strstr (p, "[[");
      const char *close;
      Expected e = { line_kind, 0, 0 };

      if (open == NULL)
        {
          g_string_append (text, p);
          break;
        }
      g_string_append_len (text, p, open - p);
      open += 2;
      close = strstr (open, "]]");
      if (close == NULL)
        g_error ("cases.tsv:%u: “[[” without “]]”", line);
      if (mixed)
        {
          const char *colon = strchr (open, ':');

          if (colon == NULL || colon > close || !kind_from_string (open, colon - open, &e.kind))
            g_error ("cases.tsv:%u: a mixed case needs [[kind:text]]", line);
          open = colon + 1;
        }
      e.start = text->len;
      g_string_append_len (text, open, close - open);
      e.end = text->len;
      g_array_append_val (c->expected, e);
      p = close + 2;
    }
  if (c->ordinary != (c->expected->len == 0))
    g_error ("cases.tsv:%u: marked spans go with a kind, none with “none”", line);
  c->text = g_string_free (text, FALSE);
  return c;
}

static void
load_cases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "lint", "cases.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  identifying_cases = g_ptr_array_new_with_free_func (case_free);
  ordinary_cases = g_ptr_array_new_with_free_func (case_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      Case *c;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (tab == NULL)
        g_error ("cases.tsv:%u: no tab after the kind", i + 1);
      *tab = '\0';
      c = parse_case (i + 1, lines[i], tab + 1);
      g_ptr_array_add (c->ordinary ? ordinary_cases : identifying_cases, c);
    }
}

static char *
describe (const char *text,
          GPtrArray  *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const ScLintFinding *f = g_ptr_array_index (findings, i);

      g_string_append_printf (out, " %s %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " “%.*s”;",
                              sc_lint_kind_to_string (f->kind), f->start, f->end,
                              (int) (f->end - f->start), text + f->start);
    }
  if (findings->len == 0)
    g_string_append (out, " nothing");
  return g_string_free (out, FALSE);
}

/* Each marked span is found, with its kind, and nothing else is. */
static void
test_identifying_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GPtrArray) findings = sc_lint_check (c->text, -1);
  g_autofree char *found = describe (c->text, findings);
  gboolean same = findings->len == c->expected->len;

  for (guint i = 0; same && i < findings->len; i++)
    {
      const ScLintFinding *f = g_ptr_array_index (findings, i);
      const Expected *e = &g_array_index (c->expected, Expected, i);

      same = f->kind == e->kind && f->start == e->start && f->end == e->end;
    }
  if (!same)
    {
      g_test_message ("cases.tsv:%u: “%s”: found%s", c->line, c->text, found);
      g_test_fail ();
    }
}

/* Ordinary sentences: count those with any finding. */
static void
test_ordinary (void)
{
  guint alarms = 0;
  guint n = ordinary_cases->len;

  for (guint i = 0; i < n; i++)
    {
      const Case *c = g_ptr_array_index (ordinary_cases, i);
      g_autoptr (GPtrArray) findings = sc_lint_check (c->text, -1);

      if (findings->len > 0)
        {
          g_autofree char *found = describe (c->text, findings);

          g_test_message ("false alarm, cases.tsv:%u: “%s”:%s", c->line, c->text, found);
          alarms++;
        }
    }
  g_test_message ("false alarms on ordinary sentences: %u of %u (%.1f%%)", alarms, n,
                  100.0 * alarms / n);
  g_assert_cmpuint (alarms * 20, <=, n);
}

static void
test_enough_cases (void)
{
  g_assert_cmpuint (identifying_cases->len, >=, MIN_CASES);
  g_assert_cmpuint (ordinary_cases->len, >=, MIN_CASES);
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_NAME), ==, "name");
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_PHONE), ==, "phone");
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_DOB), ==, "dob");
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_POSTCODE), ==, "postcode");
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_ID_NUMBER), ==, "id-number");
  g_assert_cmpstr (sc_lint_kind_to_string (SC_LINT_EMAIL), ==, "email");
}

/* Checks that findings are ordered, apart, within LENGTH, valid UTF-8, and
 * each has a reason. */
static void
assert_well_formed (const char *text,
                    gsize       length,
                    GPtrArray  *findings)
{
  gsize previous_end = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const ScLintFinding *f = g_ptr_array_index (findings, i);

      g_assert_cmpuint (f->start, <, f->end);
      g_assert_cmpuint (f->start, >=, previous_end);
      g_assert_cmpuint (f->end, <=, length);
      g_assert_true (g_utf8_validate_len (text + f->start, f->end - f->start, NULL));
      g_assert_nonnull (f->reason);
      g_assert_cmpstr (f->reason, !=, "");
      previous_end = f->end;
    }
}

static void
assert_one (const char *text,
            gssize      length,
            ScLintKind  kind,
            const char *span)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  g_autoptr (GPtrArray) findings = sc_lint_check (text, length);
  const ScLintFinding *f;

  assert_well_formed (text, n, findings);
  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpint (f->kind, ==, kind);
  g_assert_cmpuint (f->end - f->start, ==, strlen (span));
  g_assert_cmpmem (text + f->start, f->end - f->start, span, strlen (span));
}

static void
test_empty (void)
{
  g_autoptr (GPtrArray) a = sc_lint_check ("", -1);
  g_autoptr (GPtrArray) b = sc_lint_check ("", 0);
  g_autoptr (GPtrArray) c = sc_lint_check (NULL, 0);
  g_autoptr (GPtrArray) d = sc_lint_check ("Mrs Agnew", 0);
  g_autoptr (GPtrArray) e = sc_lint_check (" \n\t ", -1);

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_cmpuint (c->len, ==, 0);
  g_assert_cmpuint (d->len, ==, 0);
  g_assert_cmpuint (e->len, ==, 0);
}

/* Findings that end with the text, for each kind. */
static void
test_end_of_text (void)
{
  static const struct
  {
    const char *text;
    ScLintKind kind;
    const char *span;
  } cases[] = {
    { "Seen by Mrs Agnew", SC_LINT_NAME, "Mrs Agnew" },
    { "Karen Agnew", SC_LINT_NAME, "Karen Agnew" },
    { "tel 07700 900123", SC_LINT_PHONE, "07700 900123" },
    { "DOB 1/2/2003", SC_LINT_DOB, "1/2/2003" },
    { "moved to EH1 2AB", SC_LINT_POSTCODE, "EH1 2AB" },
    { "NI AB123456C", SC_LINT_ID_NUMBER, "AB123456C" },
    { "CHI 0101801234", SC_LINT_ID_NUMBER, "0101801234" },
    { "write to a@b.co", SC_LINT_EMAIL, "a@b.co" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) findings = sc_lint_check (cases[i].text, -1);

      assert_one (cases[i].text, -1, cases[i].kind, cases[i].span);
      g_assert_cmpuint (((ScLintFinding *) g_ptr_array_index (findings, 0))->end, ==,
                        strlen (cases[i].text));
    }
}

/* LENGTH bounds the scan: nothing past it is read or reported. */
static void
test_length_bounds (void)
{
  const char *text = "Mrs Agnew said 07700 900123 was hers";
  g_autoptr (GPtrArray) all = sc_lint_check (text, -1);
  g_autoptr (GPtrArray) cut = NULL;

  g_assert_cmpuint (all->len, ==, 2);
  assert_one (text, 9, SC_LINT_NAME, "Mrs Agnew");
  /* The phone number cut short is not a phone number. */
  cut = sc_lint_check (text, 24);
  assert_well_formed (text, 24, cut);
  g_assert_cmpuint (cut->len, ==, 1);
}

/* Offsets are bytes, whatever the characters before and in the finding. */
static void
test_utf8_offsets (void)
{
  const char *text = "“Café” visit — note: Mrs Siobhán Ní Bhriain’s plan, ring 07700 900123.";
  g_autoptr (GPtrArray) findings = sc_lint_check (text, -1);
  const ScLintFinding *name, *phone;
  const char *at_name = strstr (text, "Mrs");
  const char *at_phone = strstr (text, "07700");

  assert_well_formed (text, strlen (text), findings);
  g_assert_cmpuint (findings->len, ==, 2);
  name = g_ptr_array_index (findings, 0);
  phone = g_ptr_array_index (findings, 1);
  g_assert_cmpuint (name->start, ==, at_name - text);
  g_assert_cmpuint (name->end, ==, strstr (text, "’s") - text);
  g_assert_cmpuint (phone->start, ==, at_phone - text);
  g_assert_cmpuint (phone->end, ==, at_phone - text + strlen ("07700 900123"));
}

/* Invalid UTF-8: each bad byte is a separator; scanning goes on past it and
 * no finding includes it. */
static void
test_invalid_utf8 (void)
{
  g_autoptr (GPtrArray) split = sc_lint_check ("Mrs \xff Agnew", -1);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260101);
  gsize size = 256 * 1024;
  g_autofree char *noise = g_malloc (size);

  g_assert_cmpuint (split->len, ==, 0);
  assert_one ("\xfe\xffMrs Agnew\xc0", -1, SC_LINT_NAME, "Mrs Agnew");
  assert_one ("call 07700 900123\xed\xa0\x80 now", -1, SC_LINT_PHONE, "07700 900123");
  /* A sequence cut short at the end of the text. */
  assert_one ("Seen by Mrs Agn\xc3", -1, SC_LINT_NAME, "Mrs Agn");
  assert_one ("Seen by Mrs Agnès", 16, SC_LINT_NAME, "Mrs Agn");
  /* An embedded NUL, within LENGTH, is a separator too. */
  assert_one ("Mrs\0 Agnew 07700 900123", 23, SC_LINT_PHONE, "07700 900123");

  /* Random bytes, half of them ASCII letters, digits and spaces. */
  for (gsize i = 0; i < size; i++)
    {
      static const char ascii[] = "Mrs Agnew 0131 496 0000 EH1 2AB DOB 1/2/03 @.";

      if (g_rand_boolean (rand))
        noise[i] = (char) g_rand_int_range (rand, 0, 256);
      else
        noise[i] = ascii[g_rand_int_range (rand, 0, sizeof ascii - 1)];
    }
  {
    g_autoptr (GPtrArray) findings = sc_lint_check (noise, size);

    assert_well_formed (noise, size, findings);
  }
}

static GString *
ordinary_document (gsize size)
{
  GString *doc = g_string_sized_new (size + 256);

  for (guint i = 0; doc->len < size; i++)
    {
      const Case *c = g_ptr_array_index (ordinary_cases, i % ordinary_cases->len);

      g_string_append (doc, c->text);
      g_string_append_c (doc, i % 7 == 6 ? '\n' : ' ');
    }
  return doc;
}

/* A megabyte of notes, with an identifying snippet every 100 sentences, is
 * checked to the end and every snippet is found where it was put. */
static void
test_long_text (void)
{
  g_autoptr (GString) doc = g_string_new (NULL);
  g_autoptr (GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr (GPtrArray) findings = NULL;
  guint alarms = 0;

  for (guint i = 0; doc->len < 1024 * 1024; i++)
    {
      const Case *c = g_ptr_array_index (ordinary_cases, i % ordinary_cases->len);

      if (i % 100 == 99)
        {
          gsize start = doc->len + strlen ("Seen with ");

          g_array_append_val (starts, start);
          g_string_append (doc, "Seen with Mrs Agnew today. ");
        }
      g_string_append (doc, c->text);
      g_string_append_c (doc, ' ');
    }
  findings = sc_lint_check (doc->str, doc->len);
  assert_well_formed (doc->str, doc->len, findings);
  for (guint i = 0, k = 0; i < findings->len; i++)
    {
      const ScLintFinding *f = g_ptr_array_index (findings, i);

      if (k < starts->len && f->start == g_array_index (starts, gsize, k))
        {
          g_assert_cmpuint (f->end - f->start, ==, strlen ("Mrs Agnew"));
          k++;
        }
      else
        alarms++;
    }
  g_test_message ("%u findings in %" G_GSIZE_FORMAT " bytes, %u of them not planted",
                  findings->len, doc->len, alarms);
  g_assert_cmpuint (findings->len - alarms, ==, starts->len);
}

/* Inputs built to make a careless scanner go quadratic or run off the end. */
static void
test_hostile_text (void)
{
  static const char * const units[] = {
    "Mrs ", "Jack ", "J. ", "0 ", "07700 ", "1/", "DOB ", "born ", "a@", "a.", "@a.",
    "EH1 ", "AB12 ", "Mother: ", "Ní ", "’", "-", "9", "(0", "+44 ",
  };
  gsize size = 1024 * 1024;

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr (GString) text = g_string_sized_new (size + 16);
      g_autoptr (GPtrArray) findings = NULL;

      while (text->len < size)
        g_string_append (text, units[u]);
      findings = sc_lint_check (text->str, text->len);
      assert_well_formed (text->str, text->len, findings);
    }
}

/* A document of ordinary text only: the false alarms per megabyte. */
static void
test_ordinary_megabyte (void)
{
  g_autoptr (GString) doc = ordinary_document (1024 * 1024);
  g_autoptr (GPtrArray) findings = sc_lint_check (doc->str, doc->len);

  assert_well_formed (doc->str, doc->len, findings);
  g_test_message ("%u findings in %" G_GSIZE_FORMAT " bytes of ordinary text", findings->len,
                  doc->len);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_cases ();

  g_test_add_func ("/lint/cases/enough", test_enough_cases);
  for (guint i = 0; i < identifying_cases->len; i++)
    {
      const Case *c = g_ptr_array_index (identifying_cases, i);
      g_autofree char *path = g_strdup_printf ("/lint/cases/identifying/line-%03u", c->line);

      g_test_add_data_func (path, c, test_identifying_case);
    }
  g_test_add_func ("/lint/cases/ordinary", test_ordinary);
  g_test_add_func ("/lint/kind-names", test_kind_names);
  g_test_add_func ("/lint/edge/empty", test_empty);
  g_test_add_func ("/lint/edge/end-of-text", test_end_of_text);
  g_test_add_func ("/lint/edge/length-bounds", test_length_bounds);
  g_test_add_func ("/lint/edge/utf8-offsets", test_utf8_offsets);
  g_test_add_func ("/lint/edge/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/lint/edge/long-text", test_long_text);
  g_test_add_func ("/lint/edge/hostile-text", test_hostile_text);
  g_test_add_func ("/lint/edge/ordinary-megabyte", test_ordinary_megabyte);

  status = g_test_run ();
  g_ptr_array_unref (identifying_cases);
  g_ptr_array_unref (ordinary_cases);
  return status;
}
