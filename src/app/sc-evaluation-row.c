/* sc-evaluation-row.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>

#include "sc-evaluation-row.h"
#include "sc-note-row.h"
#include "sc-scale-picker.h"
#include "sc-text-field.h"

struct _ScEvaluationRow
{
  GtkWidget parent_instance;

  const ScIndicator *indicator;
  GtkWidget *box;
  GtkWidget *evidence_label;
  GtkWidget *lean_label;
  GtkWidget *picker;
  GtkWidget *rationale;
  GtkWidget *saved_label;
};

G_DEFINE_FINAL_TYPE (ScEvaluationRow, sc_evaluation_row, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
emit_changed (ScEvaluationRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static const char *
level_label (const ScScale *scale,
             int            value)
{
  for (guint i = 0; scale != NULL && i < scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (scale->levels, i);

      if (level->value == value)
        return sc_text_get (level->label);
    }
  return NULL;
}

static char *
describe_evidence (const ScEvidence *evidence)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u reading (%u submitted)",
                                             "%u readings (%u submitted)", evidence->readings),
                          evidence->readings, evidence->submitted);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                             evidence->notes),
                          evidence->notes);
  if (evidence->notes > 0)
    {
      gboolean first = TRUE;

      g_string_append (text, " (");
      for (ScNoteKind kind = SC_NOTE_STRENGTH; kind <= SC_NOTE_OBSERVATION; kind++)
        {
          if (evidence->note_kinds[kind] == 0)
            continue;
          /* Translators: a count of notes of a kind, e.g. "2 Strength" */
          g_string_append_printf (text, "%s%u %s", first ? "" : ", ", evidence->note_kinds[kind],
                                  sc_note_kind_label (kind));
          first = FALSE;
        }
      g_string_append (text, ")");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_lean (const ScIndicator *indicator,
               const ScEvidence  *evidence)
{
  g_autoptr (GString) counts = g_string_new (NULL);
  int median = sc_evidence_median (evidence);
  const char *median_label;

  if (median == 0)
    return NULL;
  for (guint i = 0; i < indicator->scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (indicator->scale->levels, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (evidence->levels,
                                                       GINT_TO_POINTER (level->value)));

      if (n > 0)
        g_string_append_printf (counts, "%s%s %u", counts->len ? " · " : "",
                                sc_text_get (level->label), n);
    }
  median_label = level_label (indicator->scale, median);
  /* Translators: how the scale answers lean (their median level), then counts per level */
  return g_strdup_printf (_("Readings lean to %s: %s"),
                          median_label != NULL ? median_label : "?", counts->str);
}

void
sc_evaluation_row_set_evidence (ScEvaluationRow  *self,
                                const ScEvidence *evidence,
                                gboolean          gathered)
{
  g_autofree char *text = NULL;
  g_autofree char *lean = NULL;

  g_return_if_fail (SC_IS_EVALUATION_ROW (self));

  if (!gathered)
    text = g_strdup (_("Gathering the evidence…"));
  else if (evidence == NULL)
    text = g_strdup (_("No readings or notes bear on this indicator yet"));
  else
    {
      text = describe_evidence (evidence);
      lean = describe_lean (self->indicator, evidence);
    }
  gtk_label_set_label (GTK_LABEL (self->evidence_label), text);
  gtk_label_set_label (GTK_LABEL (self->lean_label), lean);
  gtk_widget_set_visible (self->lean_label, lean != NULL);
}

static void
build (ScEvaluationRow *self)
{
  const ScIndicator *indicator = self->indicator;
  g_autofree char *title = g_strdup_printf ("%s  %s", indicator->id,
                                            sc_text_get (indicator->title));
  g_autofree char *rationale_label = NULL;
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title_label = label_new (title, "sc-question-title");

  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);
  if (indicator->kind != SC_INDICATOR_KIND_INDICATOR)
    {
      const char *kind = indicator->kind == SC_INDICATOR_KIND_KEY_JUDGEMENT ? _("Key judgement")
                         : indicator->kind == SC_INDICATOR_KIND_OVERALL     ? _("Overall judgement")
                                                                            : _("Graded judgement");
      GtkWidget *badge = gtk_label_new (kind);

      gtk_widget_add_css_class (badge, "sc-badge");
      gtk_widget_add_css_class (badge, sc_indicator_kind_to_string (indicator->kind));
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), badge);
    }
  self->saved_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->saved_label, "dim-label");
  gtk_widget_add_css_class (self->saved_label, "caption");
  gtk_widget_set_valign (self->saved_label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), self->saved_label);
  gtk_box_append (GTK_BOX (self->box), header);

  self->evidence_label = label_new (NULL, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->evidence_label);
  self->lean_label = label_new (NULL, "sc-lean");
  gtk_box_append (GTK_BOX (self->box), self->lean_label);

  self->picker = sc_scale_picker_new (FALSE, indicator->scale->levels->len);
  for (guint i = 0; i < indicator->scale->levels->len; i++)
    {
      const ScLevel *level = g_ptr_array_index (indicator->scale->levels, i);
      g_autofree char *value = g_strdup_printf ("%d", level->value);

      sc_scale_picker_add_option (SC_SCALE_PICKER (self->picker), value, value,
                                  sc_text_get (level->label),
                                  level->meaning ? sc_text_get (level->meaning) : NULL,
                                  level->value <= 9 ? GDK_KEY_0 + level->value : 0);
    }
  {
    /* Translators: %s is an indicator, e.g. "5.2 Assessing…" */
    g_autofree char *label = g_strdup_printf (_("Proposed level for %s"), title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->picker),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  g_signal_connect_swapped (self->picker, "changed", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (self->box), self->picker);

  rationale_label = g_strdup_printf (_("Rationale for %s"), title);
  self->rationale = sc_text_field_new (rationale_label);
  sc_text_field_set_placeholder (SC_TEXT_FIELD (self->rationale),
                                 _("Why this level: the evidence that supports it"));
  g_signal_connect_swapped (self->rationale, "changed", G_CALLBACK (emit_changed), self);
  gtk_box_append (GTK_BOX (self->box), self->rationale);
}

const ScIndicator *
sc_evaluation_row_get_indicator (ScEvaluationRow *self)
{
  return self->indicator;
}

int
sc_evaluation_row_get_level (ScEvaluationRow *self)
{
  g_autofree char *value = sc_scale_picker_get_value (SC_SCALE_PICKER (self->picker));

  return value != NULL ? atoi (value) : 0;
}

char *
sc_evaluation_row_get_rationale (ScEvaluationRow *self)
{
  return sc_text_field_get_text (SC_TEXT_FIELD (self->rationale));
}

void
sc_evaluation_row_set_evaluation (ScEvaluationRow *self,
                                  int              level,
                                  const char      *rationale)
{
  g_autofree char *value = level > 0 ? g_strdup_printf ("%d", level) : NULL;

  g_return_if_fail (SC_IS_EVALUATION_ROW (self));

  sc_scale_picker_set_value (SC_SCALE_PICKER (self->picker), value);
  sc_text_field_set_text (SC_TEXT_FIELD (self->rationale), rationale);
}

void
sc_evaluation_row_set_saved (ScEvaluationRow *self,
                             const char      *state)
{
  gtk_label_set_label (GTK_LABEL (self->saved_label), state);
}

void
sc_evaluation_row_set_editable (ScEvaluationRow *self,
                                gboolean         editable)
{
  sc_scale_picker_set_editable (SC_SCALE_PICKER (self->picker), editable);
  sc_text_field_set_editable (SC_TEXT_FIELD (self->rationale), editable);
}

static void
sc_evaluation_row_dispose (GObject *object)
{
  ScEvaluationRow *self = SC_EVALUATION_ROW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_evaluation_row_parent_class)->dispose (object);
}

static void
sc_evaluation_row_class_init (ScEvaluationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_evaluation_row_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-evaluation");
}

static void
sc_evaluation_row_init (ScEvaluationRow *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sc_evaluation_row_new (const ScIndicator *indicator)
{
  ScEvaluationRow *self = g_object_new (SC_TYPE_EVALUATION_ROW, NULL);

  self->indicator = indicator;
  build (self);
  sc_evaluation_row_set_evidence (self, NULL, FALSE);
  return GTK_WIDGET (self);
}
