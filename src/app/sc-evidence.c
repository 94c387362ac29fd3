/* sc-evidence.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include "sc-evidence.h"

#define RECORDS_PER_BATCH 100

struct _ScEvidenceGatherer
{
  ScInspectionContext *context;
  GHashTable *evidence; /* indicator id -> ScEvidence* */
  GPtrArray *records;   /* ScRecord* */
  guint next;
  guint source;
  gboolean done;
  GSourceFunc done_func;
  gpointer user_data;
};

static void
evidence_free (ScEvidence *evidence)
{
  g_hash_table_unref (evidence->levels);
  g_free (evidence);
}

static ScEvidence *
ensure (ScEvidenceGatherer *self,
        const char         *indicator)
{
  ScEvidence *evidence = g_hash_table_lookup (self->evidence, indicator);

  if (evidence == NULL)
    {
      evidence = g_new0 (ScEvidence, 1);
      evidence->levels = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (self->evidence, g_strdup (indicator), evidence);
    }
  return evidence;
}

/* The indicators ANSWER bears on, each once. */
static GHashTable *
bears_on (const ScQuestion *question,
          const ScAnswer   *answer)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) tags = g_strsplit (answer->indicators ? answer->indicators : "", " ", -1);

  for (guint i = 0; question != NULL && i < question->indicators->len; i++)
    g_hash_table_add (ids, g_strdup (((ScIndicator *) question->indicators->pdata[i])->id));
  for (guint i = 0; tags[i] != NULL; i++)
    if (*tags[i] != '\0')
      g_hash_table_add (ids, g_strdup (tags[i]));
  return ids;
}

static void
add_reading (ScEvidenceGatherer *self,
             const ScReading    *reading)
{
  g_autoptr (GHashTable) answers = sc_store_get_answers (self->context->store, reading->id, NULL);
  g_autoptr (GHashTable) touched = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  if (answers == NULL)
    return;
  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ScAnswer *answer = value;
      const ScQuestion *q = sc_framework_lookup_question (self->context->framework,
                                                          answer->question);
      g_autoptr (GHashTable) ids = NULL;
      GHashTableIter ids_iter;
      gpointer id;

      if (answer->value == NULL)
        continue;
      ids = bears_on (q, answer);
      g_hash_table_iter_init (&ids_iter, ids);
      while (g_hash_table_iter_next (&ids_iter, &id, NULL))
        {
          ScEvidence *evidence = ensure (self, id);

          evidence->answers++;
          if (q != NULL && q->type == SC_QUESTION_SCALE)
            {
              gpointer key = GINT_TO_POINTER (atoi (answer->value));
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (evidence->levels, key));

              g_hash_table_insert (evidence->levels, key, GUINT_TO_POINTER (n + 1));
            }
          if (g_hash_table_add (touched, evidence))
            {
              evidence->readings++;
              if (reading->status == SC_READING_SUBMITTED)
                evidence->submitted++;
            }
        }
    }
}

static void
add_notes (ScEvidenceGatherer *self)
{
  for (guint g = 0; g < self->context->focus_groups->len; g++)
    {
      g_autoptr (GPtrArray) notes = sc_store_list_notes (self->context->store,
                                                         self->context->focus_groups->pdata[g],
                                                         NULL);

      for (guint i = 0; notes != NULL && i < notes->len; i++)
        {
          ScNote *note = g_ptr_array_index (notes, i);
          g_auto (GStrv) tags = g_strsplit (note->indicators ? note->indicators : "", " ", -1);

          for (guint t = 0; tags[t] != NULL; t++)
            {
              ScEvidence *evidence;

              if (*tags[t] == '\0')
                continue;
              evidence = ensure (self, tags[t]);
              evidence->notes++;
              evidence->note_kinds[note->kind]++;
            }
        }
    }
}

static gboolean
batch_cb (gpointer data)
{
  ScEvidenceGatherer *self = data;
  guint end = MIN (self->next + RECORDS_PER_BATCH, self->records->len);

  if (self->context->store == NULL)
    {
      self->source = 0;
      return G_SOURCE_REMOVE;
    }
  for (; self->next < end; self->next++)
    {
      ScRecord *record = g_ptr_array_index (self->records, self->next);
      g_autoptr (GPtrArray) readings = sc_store_list_readings (self->context->store, record->id,
                                                               NULL);

      for (guint i = 0; readings != NULL && i < readings->len; i++)
        add_reading (self, g_ptr_array_index (readings, i));
    }
  if (self->next < self->records->len)
    return G_SOURCE_CONTINUE;

  add_notes (self);
  self->source = 0;
  self->done = TRUE;
  self->done_func (self->user_data);
  return G_SOURCE_REMOVE;
}

ScEvidenceGatherer *
sc_evidence_gatherer_new (ScInspectionContext *context,
                          GSourceFunc          done,
                          gpointer             user_data)
{
  ScEvidenceGatherer *self = g_new0 (ScEvidenceGatherer, 1);

  self->context = sc_inspection_context_ref (context);
  self->evidence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) evidence_free);
  self->done_func = done;
  self->user_data = user_data;
  if (context->store != NULL)
    self->records = sc_store_list_records (context->store, context->inspection, NULL);
  if (self->records == NULL)
    self->records = g_ptr_array_new ();
  self->source = g_idle_add_full (G_PRIORITY_LOW, batch_cb, self, NULL);
  return self;
}

void
sc_evidence_gatherer_free (ScEvidenceGatherer *self)
{
  g_clear_handle_id (&self->source, g_source_remove);
  g_hash_table_unref (self->evidence);
  g_ptr_array_unref (self->records);
  sc_inspection_context_unref (self->context);
  g_free (self);
}

const ScEvidence *
sc_evidence_gatherer_lookup (ScEvidenceGatherer *self,
                             const char         *indicator)
{
  return self->done ? g_hash_table_lookup (self->evidence, indicator) : NULL;
}

gboolean
sc_evidence_gatherer_is_done (ScEvidenceGatherer *self)
{
  return self->done;
}

int
sc_evidence_median (const ScEvidence *evidence)
{
  guint total = 0, seen = 0;
  int top = 0;

  for (int v = 1; v <= 15; v++)
    total += GPOINTER_TO_UINT (g_hash_table_lookup (evidence->levels, GINT_TO_POINTER (v)));
  if (total == 0)
    return 0;
  for (int v = 1; v <= 15; v++)
    {
      seen += GPOINTER_TO_UINT (g_hash_table_lookup (evidence->levels, GINT_TO_POINTER (v)));
      if (seen * 2 >= total)
        return v;
      top = v;
    }
  return top;
}
