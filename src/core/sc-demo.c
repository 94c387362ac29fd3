/* sc-demo.c: a believable inspection to explore and to test with
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is invented: record references are pseudonymous, the notes
 * name no one, and the answers are drawn from a seeded generator so the same
 * seed always builds the same inspection. The spread of levels follows what
 * the 2012-2017 programme reported (about six in ten assessments good or
 * better, one in ten weak or unsatisfactory).
 */
#include "sc-demo.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sc-answer.h"
#include "sc-double-reading.h"
#include "sc-model.h"
#include "sc-store-private.h"

#define DEMO_FRAMEWORK "ci-joint-children-2012"
#define BATCH 25
#define DOUBLE_READ_FRACTION 0.2

typedef struct
{
  ScStore *store;
  ScFramework *framework;
  const ScInstrument *form;
  GRand *rand;
  char *inspection;
  char *readers[4];
} Demo;

static const char * const evidence_lines[] = {
  N_("The chronology was kept up to date and helped the worker see patterns of neglect."),
  N_("The assessment drew on health and education information as well as social work."),
  N_("Risks were identified at the inter-agency referral discussion and acted on that day."),
  N_("The plan had clear actions, but most lacked timescales."),
  N_("The child's views were recorded in their own words at each review."),
  N_("There was little sign of the team manager reading or signing the record."),
  N_("Parents were invited to the core group and their views were recorded."),
  N_("The worker changed three times in a year and the child had to retell their story."),
  N_("The plan was reviewed on time and progress against each action was noted."),
  N_("Early help from the school nurse was offered before the referral."),
};

static const char * const note_lines[][2] = {
  { "strength", N_("Staff described supervision as regular and reflective.") },
  { "improvement", N_("Several workers said caseloads left little time for direct work.") },
  { "quote", N_("“I know who to call if I am worried about a child.”") },
  { "observation", N_("Managers referred to the same three priorities throughout.") },
  { "strength", N_("Health visitors and social workers meet weekly to share concerns.") },
  { "improvement", N_("Young people said reviews felt like meetings about them, not with them.") },
  { "quote", N_("“My worker listens and does what she says she will do.”") },
  { "observation", N_("Few staff knew how self-evaluation findings had changed practice.") },
};

static const struct
{
  const char *kind;
  int count;
  const char *place;
  const char *indicators;
} focus_groups[] = {
  { N_("social workers"), 8, N_("Council offices"), "5.2 5.3 7.2" },
  { N_("team managers"), 5, N_("Council offices"), "6.2 9.3" },
  { N_("young people"), 6, N_("Youth centre"), "2.1 5.4" },
};

static const char *
pick (GRand              *rand,
      const char * const *items,
      guint               n)
{
  return items[g_rand_int_range (rand, 0, (gint32) n)];
}

/* A level from best (index 0) to worst, weighted towards good. */
static const ScLevel *
pick_level (GRand         *rand,
            const ScScale *scale)
{
  static const int weights[] = { 6, 22, 34, 26, 8, 4 };
  guint n = scale->levels->len;
  int total = 0, roll;

  for (guint i = 0; i < n && i < G_N_ELEMENTS (weights); i++)
    total += weights[i];
  roll = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n && i < G_N_ELEMENTS (weights); i++)
    {
      roll -= weights[i];
      if (roll < 0)
        return g_ptr_array_index (scale->levels, i);
    }
  return g_ptr_array_index (scale->levels, n - 1);
}

static char *
invent_value (Demo             *demo,
              const ScQuestion *question)
{
  GRand *rand = demo->rand;

  switch (question->type)
    {
    case SC_QUESTION_SCALE:
      return g_strdup_printf ("%d", pick_level (rand, question->scale)->value);
    case SC_QUESTION_CHOICE:
      {
        GPtrArray *choices = question->choices->choices;
        /* Lean to the first choice (usually "yes"), as in real files. */
        guint i = g_rand_int_range (rand, 0, 100) < 55
                    ? 0
                    : (guint) g_rand_int_range (rand, 0, (gint32) choices->len);

        return g_strdup (((ScChoice *) g_ptr_array_index (choices, i))->id);
      }
    case SC_QUESTION_MULTI:
      {
        GPtrArray *choices = question->choices->choices;
        g_autoptr (GString) out = g_string_new (NULL);

        for (guint i = 0; i < choices->len; i++)
          if (g_rand_int_range (rand, 0, 100) < 40 || (i == choices->len - 1 && out->len == 0))
            g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "",
                                    ((ScChoice *) g_ptr_array_index (choices, i))->id);
        return g_string_free (g_steal_pointer (&out), FALSE);
      }
    case SC_QUESTION_YESNO:
      /* Safety questions are answered no here; the demo raises its one
       * concern separately. */
      if (question->required && strstr (question->id, "concern") != NULL)
        return g_strdup ("no");
      return g_strdup (g_rand_int_range (rand, 0, 100) < 70 ? "yes" : "no");
    case SC_QUESTION_DATE:
      {
        g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr (GDateTime) then = g_date_time_add_days (now, -g_rand_int_range (rand, 7, 400));

        return g_date_time_format (then, "%Y-%m-%d");
      }
    case SC_QUESTION_NUMBER:
      {
        double low = question->has_min ? question->min : 0;
        double high = question->has_max ? MIN (question->max, low + 6) : low + 6;

        return g_strdup_printf ("%d", (int) g_rand_double_range (rand, low, high + 1));
      }
    case SC_QUESTION_TEXT:
    default:
      return g_strdup (_(pick (rand, evidence_lines, G_N_ELEMENTS (evidence_lines))));
    }
}

/* A second reader mostly agrees, sometimes sees it one level apart. */
static char *
second_opinion (Demo             *demo,
                const ScQuestion *question,
                const char       *first)
{
  int roll = g_rand_int_range (demo->rand, 0, 100);

  if (question->type == SC_QUESTION_SCALE && roll >= 70)
    {
      int value = atoi (first) + (roll < 85 ? -1 : 1);
      int top = (int) question->scale->levels->len;

      return g_strdup_printf ("%d", CLAMP (value, 1, top));
    }
  if (question->type != SC_QUESTION_TEXT && roll >= 90)
    return invent_value (demo, question);
  return g_strdup (first);
}

/* Fills a reading in form order, answering only what shows. */
static gboolean
fill_reading (Demo       *demo,
              const char *reading,
              GHashTable *copy_from,
              GHashTable *filled,
              GError    **error)
{
  for (guint g = 0; g < demo->form->groups->len; g++)
    {
      const ScGroup *group = g_ptr_array_index (demo->form->groups, g);

      for (guint q = 0; q < group->questions->len; q++)
        {
          const ScQuestion *question = g_ptr_array_index (group->questions, q);
          const char *first = copy_from != NULL ? g_hash_table_lookup (copy_from, question->id)
                                                : NULL;
          g_autofree char *value = NULL;
          g_autofree char *tags = NULL;

          if (!sc_question_is_visible (demo->framework, question, filled))
            continue;
          value = first != NULL ? second_opinion (demo, question, first)
                                : invent_value (demo, question);
          if (question->indicators->len > 0)
            tags = g_strdup (((ScIndicator *) g_ptr_array_index (question->indicators, 0))->id);
          if (!sc_store_write_answer (demo->store, reading, question->id, value, NULL, tags,
                                      FALSE, error))
            return FALSE;
          g_hash_table_insert (filled, question->id, g_steal_pointer (&value));
        }
    }
  return sc_store_submit_reading_as (demo->store, reading, FALSE, error);
}

static gboolean
add_team (Demo    *demo,
          GError **error)
{
  static const struct
  {
    const char *name;
    const char *role;
  } others[] = {
    { "Demo Inspector A", "inspector" },
    { "Demo Inspector B", "inspector" },
    { "Demo Associate C", "associate" },
  };
  g_autoptr (ScMember) owner = sc_store_get_owner (demo->store, error);

  if (owner == NULL ||
      !sc_store_add_team_member (demo->store, demo->inspection, owner->id, "lead", error))
    return FALSE;
  demo->readers[0] = g_strdup (owner->id);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      demo->readers[i + 1] = sc_store_add_member (demo->store, others[i].name, others[i].role,
                                                  error);
      if (demo->readers[i + 1] == NULL ||
          !sc_store_add_team_member (demo->store, demo->inspection, demo->readers[i + 1],
                                     others[i].role, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
cohort_for (guint index)
{
  /* About 20% audited, 40% tracked, 40% sampled. */
  static const char * const cycle[] = {
    "audited", "tracked", "sampled", "tracked", "sampled",
  };

  return cycle[index % G_N_ELEMENTS (cycle)];
}

static gboolean
add_record (Demo    *demo,
            guint    index,
            GError **error)
{
  static const char * const ages[] = { "0-4", "5-11", "12-15", "16-17" };
  static const char * const statuses[] = {
    "child-protection-plan", "supervision-at-home", "looked-after-away", "voluntary",
  };
  g_autofree char *ref = g_strdup_printf ("R-%04u", index + 1);
  const char *cohorts[] = { cohort_for (index), NULL };
  g_autofree char *record = NULL;

  record = sc_store_add_record (demo->store, demo->inspection, ref, cohorts,
                                pick (demo->rand, ages, G_N_ELEMENTS (ages)),
                                pick (demo->rand, statuses, G_N_ELEMENTS (statuses)), error);
  return record != NULL;
}

/* The readers the allocation gave RECORD: primary first, then second. */
static GPtrArray *
assigned_readers (Demo       *demo,
                  const char *record,
                  GError    **error)
{
  sqlite3_stmt *stmt = sc_store_prepare (
    demo->store,
    "SELECT reader FROM assignment WHERE record = ? AND deleted = 0 ORDER BY kind, rowid",
    error);
  GPtrArray *readers;
  int rc;

  if (stmt == NULL)
    return NULL;
  readers = g_ptr_array_new_with_free_func (g_free);
  sc_bind_text (stmt, 1, record);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (readers, sc_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sc_store_fail (demo->store, rc, error);
      g_clear_pointer (&readers, g_ptr_array_unref);
    }
  return readers;
}

/* Opens the readings the allocation asks for; about six records in ten are
 * read and submitted, by both readers when the record is read twice. */
static gboolean
read_record (Demo           *demo,
             const ScRecord *record,
             GError        **error)
{
  g_autoptr (GPtrArray) readers = assigned_readers (demo, record->id, error);
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean filled = g_rand_int_range (demo->rand, 0, 100) < 60;

  if (readers == NULL)
    return FALSE;
  for (guint i = 0; i < readers->len; i++)
    {
      g_autoptr (ScReading) reading = NULL;
      g_autoptr (GHashTable) again = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            g_free);

      reading = sc_store_open_reading (demo->store, record->id,
                                       g_ptr_array_index (readers, i), error);
      if (reading == NULL ||
          (filled && !fill_reading (demo, reading->id, i == 0 ? NULL : first,
                                    i == 0 ? first : again, error)))
        return FALSE;
    }
  return TRUE;
}

static const char * const moderation_lines[] = {
  N_("The record shows the risk was known but not acted on for six weeks."),
  N_("Both readers agreed the plan was reviewed, but its actions lacked timescales."),
  N_("Read together, the chronology and the case notes support this level."),
  N_("The assessment was thorough but did not include the child's views."),
};

/* The agreed value: the lower of two adjacent levels, else the middle. */
static char *
agreed_value (const ScComparison *c)
{
  int a = atoi (c->primary_value), b = atoi (c->second_value);

  if (ABS (a - b) == 1)
    return g_strdup_printf ("%d", MIN (a, b));
  return g_strdup_printf ("%d", (a + b) / 2);
}

/* A few differences on graded questions, one per record, are moderated so
 * that the comparison and the reports have something to show. */
static gboolean
moderate_some (Demo    *demo,
               GError **error)
{
  g_autoptr (GPtrArray) comparisons = sc_store_compare_inspection (demo->store,
                                                                   demo->inspection, error);
  const char *last_record = NULL;
  guint done = 0;

  if (comparisons == NULL)
    return FALSE;
  for (guint i = 0; i < comparisons->len && done < G_N_ELEMENTS (moderation_lines); i++)
    {
      const ScComparison *c = g_ptr_array_index (comparisons, i);
      const ScQuestion *question = sc_framework_lookup_question (demo->framework, c->question);
      g_autofree char *value = NULL;

      if (question == NULL || question->type != SC_QUESTION_SCALE ||
          c->match == SC_MATCH_EXACT || c->match == SC_MATCH_MISSING ||
          g_strcmp0 (last_record, c->record_id) == 0)
        continue;
      value = agreed_value (c);
      if (!sc_store_moderate (demo->store, c->record_id, c->question, value,
                              _(moderation_lines[done]), error))
        return FALSE;
      last_record = c->record_id;
      done++;
    }
  return TRUE;
}

static gboolean
add_focus_groups (Demo    *demo,
                  GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (focus_groups); i++)
    {
      ScFocusGroup spec = {
        .inspection = demo->inspection,
        .participants_kind = (char *) _(focus_groups[i].kind),
        .participants_count = focus_groups[i].count,
        .place = (char *) _(focus_groups[i].place),
      };
      g_autofree char *group = sc_store_add_focus_group (demo->store, &spec, error);

      if (group == NULL)
        return FALSE;
      for (guint n = 0; n < 6; n++)
        {
          guint line = (i * 3 + n) % G_N_ELEMENTS (note_lines);
          ScNoteKind kind = SC_NOTE_OBSERVATION;
          g_autofree char *note = NULL;

          sc_note_kind_from_string (note_lines[line][0], &kind);
          note = sc_store_add_note (demo->store, group, _(note_lines[line][1]), kind,
                                    focus_groups[i].indicators, error);
          if (note == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
add_concern (Demo    *demo,
             GError **error)
{
  g_autoptr (ScRecord) record = sc_store_find_record (demo->store, demo->inspection, "R-0003",
                                                      error);
  g_autofree char *concern = NULL;

  if (record == NULL)
    return FALSE;
  concern = sc_store_raise_concern (
    demo->store, demo->inspection, record->id,
    _("Recent police contact at the home is not reflected in the current risk assessment."),
    error);
  return concern != NULL &&
         sc_store_pass_on_concern (demo->store, concern, _("Partnership's named contact"), NULL,
                                   error);
}

static gboolean
create_inspection (Demo    *demo,
                   guint32  seed,
                   GError **error)
{
  g_autofree char *framework_row = sc_store_import_framework (demo->store, demo->framework,
                                                              error);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) end = g_date_time_add_weeks (now, 3);
  g_autofree char *start_date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *end_date = g_date_time_format (end, "%Y-%m-%d");
  ScInspection spec = {
    .framework = framework_row,
    .title = (char *) _("Demo partnership: services for children and young people"),
    .area = (char *) _("Demo partnership"),
    .start_date = start_date,
    .end_date = end_date,
    .lead = (char *) sc_store_get_owner_id (demo->store),
    .status = (char *) "active",
    .double_read_fraction = DOUBLE_READ_FRACTION,
    .allocation_seed = seed,
  };

  if (framework_row == NULL)
    return FALSE;
  demo->inspection = sc_store_create_inspection (demo->store, &spec, error);
  return demo->inspection != NULL;
}

static gboolean
add_records (Demo    *demo,
             guint    n_records,
             GError **error)
{
  for (guint done = 0; done < n_records;)
    {
      guint batch_end = MIN (done + BATCH, n_records);
      gboolean ok;

      if (!sc_store_begin (demo->store, error))
        return FALSE;
      for (ok = TRUE; ok && done < batch_end; done++)
        ok = add_record (demo, done, error);
      if (!sc_store_finish (demo->store, ok, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_records (Demo            *demo,
              ScDemoProgress   progress,
              gpointer         user_data,
              GError         **error)
{
  g_autoptr (GPtrArray) records = sc_store_list_records (demo->store, demo->inspection, error);

  if (records == NULL)
    return FALSE;
  for (guint done = 0; done < records->len;)
    {
      guint batch_end = MIN (done + BATCH, records->len);
      gboolean ok;

      if (!sc_store_begin (demo->store, error))
        return FALSE;
      for (ok = TRUE; ok && done < batch_end; done++)
        ok = read_record (demo, g_ptr_array_index (records, done), error);
      if (!sc_store_finish (demo->store, ok, error))
        return FALSE;
      if (progress != NULL)
        progress (done, records->len, user_data);
    }
  return TRUE;
}

/* Records first, then the allocation (20% read twice, stratified by cohort,
 * from the seed), then the readings it asks for. */
static gboolean
build (Demo            *demo,
       guint            n_records,
       guint32          seed,
       ScDemoProgress   progress,
       gpointer         user_data,
       GError         **error)
{
  g_autoptr (ScAllocationSummary) allocation = NULL;

  if (!sc_store_begin (demo->store, error))
    return FALSE;
  if (!sc_store_finish (demo->store,
                        create_inspection (demo, seed, error) && add_team (demo, error) &&
                          add_focus_groups (demo, error),
                        error))
    return FALSE;
  if (!add_records (demo, n_records, error))
    return FALSE;
  allocation = sc_store_allocate (demo->store, demo->inspection, DOUBLE_READ_FRACTION, seed,
                                  error);
  if (allocation == NULL || !read_records (demo, progress, user_data, error) ||
      !moderate_some (demo, error))
    return FALSE;
  return n_records < 3 || add_concern (demo, error);
}

gboolean
sc_demo_create (ScStore         *store,
                guint            n_records,
                guint32          seed,
                ScDemoProgress   progress,
                gpointer         user_data,
                char           **inspection,
                GError         **error)
{
  Demo demo = { .store = store };
  gboolean ok;

  demo.framework = sc_framework_load_builtin (DEMO_FRAMEWORK, error);
  if (demo.framework == NULL)
    return FALSE;
  demo.form = sc_framework_find_instrument (demo.framework, SC_INSTRUMENT_KIND_RECORD);
  demo.rand = g_rand_new_with_seed (seed);
  ok = build (&demo, n_records, seed, progress, user_data, error);
  if (ok && inspection != NULL)
    *inspection = g_steal_pointer (&demo.inspection);

  g_free (demo.inspection);
  for (guint i = 0; i < G_N_ELEMENTS (demo.readers); i++)
    g_free (demo.readers[i]);
  g_rand_free (demo.rand);
  sc_framework_unref (demo.framework);
  return ok;
}
