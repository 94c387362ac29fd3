/* sc-scale-picker.c
 *
 * Copyright 2026 The Scrutineer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "sc-scale-picker.h"

typedef struct
{
  char *value;
  char *label;
  char *meaning;
  guint keyval;
  GtkWidget *button;
} Option;

struct _ScScalePicker
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *flow;
  GtkWidget *meaning_label;
  GPtrArray *options; /* Option* */
  gboolean multiple;
  gboolean editable;
  guint current;      /* the option Tab lands on */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (ScScalePicker, sc_scale_picker, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
option_free (Option *option)
{
  g_free (option->value);
  g_free (option->label);
  g_free (option->meaning);
  g_free (option);
}

static Option *
option_at (ScScalePicker *self,
           guint          index)
{
  return index < self->options->len ? g_ptr_array_index (self->options, index) : NULL;
}

static gboolean
is_active (Option *option)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (option->button));
}

/* Only one option is in the Tab chain: the picked one, else the first. */
static void
set_current (ScScalePicker *self,
             guint          index)
{
  self->current = index;
  for (guint i = 0; i < self->options->len; i++)
    gtk_widget_set_focusable (option_at (self, i)->button, i == index);
}

static void
show_meaning (ScScalePicker *self)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = option_at (self, i);

      if (!is_active (option) || option->meaning == NULL)
        continue;
      /* Translators: a level of a scale and what it means */
      g_string_append_printf (text, _("%s: %s"), option->label, option->meaning);
    }
  gtk_label_set_label (GTK_LABEL (self->meaning_label), text->str);
  gtk_widget_set_visible (self->meaning_label, text->len > 0);
}

static void
toggled_cb (GtkToggleButton *button,
            ScScalePicker   *self)
{
  guint index = 0;

  if (self->updating)
    return;

  self->updating = TRUE;
  if (!self->editable)
    {
      /* Read-only: Space on a focused option must not change it. */
      gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
      self->updating = FALSE;
      return;
    }
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = option_at (self, i);

      if (option->button == GTK_WIDGET (button))
        index = i;
      else if (!self->multiple && gtk_toggle_button_get_active (button))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (option->button), FALSE);
    }
  self->updating = FALSE;

  set_current (self, index);
  show_meaning (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
move_to (ScScalePicker *self,
         int            index)
{
  if (self->options->len == 0)
    return;
  index = CLAMP (index, 0, (int) self->options->len - 1);
  set_current (self, index);
  gtk_widget_grab_focus (option_at (self, index)->button);
}

static void
pick (ScScalePicker *self,
      Option        *option)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (option->button);

  /* A key picks; pressing it again on a single choice keeps it. */
  if (self->multiple || !gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
  gtk_widget_grab_focus (option->button);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ScScalePicker         *self)
{
  guint lower = gdk_keyval_to_lower (keyval);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_to (self, (int) self->current - 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_to (self, (int) self->current + 1);
      return TRUE;
    case GDK_KEY_Home:
      move_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
      move_to (self, (int) self->options->len - 1);
      return TRUE;
    default:
      break;
    }

  if (!self->editable)
    return FALSE;

  /* The keypad's digits pick like the main ones. */
  if (lower >= GDK_KEY_KP_0 && lower <= GDK_KEY_KP_9)
    lower = GDK_KEY_0 + (lower - GDK_KEY_KP_0);
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = option_at (self, i);

      if (option->keyval != 0 && option->keyval == lower)
        {
          pick (self, option);
          return TRUE;
        }
    }
  if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete)
    {
      sc_scale_picker_set_value (self, NULL);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }
  return FALSE;
}

static void
sc_scale_picker_dispose (GObject *object)
{
  ScScalePicker *self = SC_SCALE_PICKER (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sc_scale_picker_parent_class)->dispose (object);
}

static void
sc_scale_picker_finalize (GObject *object)
{
  ScScalePicker *self = SC_SCALE_PICKER (object);

  g_ptr_array_unref (self->options);
  G_OBJECT_CLASS (sc_scale_picker_parent_class)->finalize (object);
}

static void
sc_scale_picker_class_init (ScScalePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sc_scale_picker_dispose;
  object_class->finalize = sc_scale_picker_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sc-scale-picker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sc_scale_picker_init (ScScalePicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  self->editable = TRUE;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_box_append (GTK_BOX (self->box), self->flow);

  self->meaning_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->meaning_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->meaning_label), 0);
  gtk_widget_add_css_class (self->meaning_label, "dim-label");
  gtk_widget_add_css_class (self->meaning_label, "caption");
  gtk_widget_set_visible (self->meaning_label, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->meaning_label);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
sc_scale_picker_new (gboolean multiple,
                     guint    max_per_line)
{
  ScScalePicker *self = g_object_new (SC_TYPE_SCALE_PICKER, NULL);

  self->multiple = multiple;
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), MAX (max_per_line, 1));
  return GTK_WIDGET (self);
}

static GtkWidget *
option_content (const char *badge,
                const char *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_label_new (label);

  if (badge != NULL)
    {
      GtkWidget *number = gtk_label_new (badge);

      gtk_widget_add_css_class (number, "sc-option-badge");
      gtk_box_append (GTK_BOX (box), number);
    }
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 22);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

void
sc_scale_picker_add_option (ScScalePicker *self,
                            const char    *value,
                            const char    *badge,
                            const char    *label,
                            const char    *meaning,
                            guint          keyval)
{
  Option *option = g_new0 (Option, 1);
  GtkWidget *child;

  g_return_if_fail (SC_IS_SCALE_PICKER (self));

  option->value = g_strdup (value);
  option->label = g_strdup (label);
  option->meaning = g_strdup (meaning);
  option->keyval = keyval != 0 ? gdk_keyval_to_lower (keyval) : 0;
  option->button = gtk_toggle_button_new ();
  gtk_button_set_child (GTK_BUTTON (option->button), option_content (badge, label));
  gtk_widget_add_css_class (option->button, "sc-option");
  gtk_widget_set_focusable (option->button, self->options->len == 0);
  if (meaning != NULL)
    gtk_widget_set_tooltip_text (option->button, meaning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (option->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  meaning != NULL ? meaning : "",
                                  -1);
  g_signal_connect (option->button, "toggled", G_CALLBACK (toggled_cb), self);

  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), option->button);
  child = gtk_widget_get_parent (option->button);
  gtk_widget_set_focusable (child, FALSE);
  g_ptr_array_add (self->options, option);
}

void
sc_scale_picker_set_value (ScScalePicker *self,
                           const char    *value)
{
  g_auto (GStrv) picked = NULL;
  gboolean found = FALSE;

  g_return_if_fail (SC_IS_SCALE_PICKER (self));

  picked = g_strsplit (value != NULL ? value : "", ",", -1);
  self->updating = TRUE;
  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = option_at (self, i);
      gboolean active = g_strv_contains ((const char * const *) picked, option->value);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (option->button), active);
      if (active && !found)
        {
          set_current (self, i);
          found = TRUE;
        }
    }
  self->updating = FALSE;
  if (!found)
    set_current (self, 0);
  show_meaning (self);
}

char *
sc_scale_picker_get_value (ScScalePicker *self)
{
  g_autoptr (GString) value = g_string_new (NULL);

  g_return_val_if_fail (SC_IS_SCALE_PICKER (self), NULL);

  for (guint i = 0; i < self->options->len; i++)
    {
      Option *option = option_at (self, i);

      if (is_active (option))
        g_string_append_printf (value, "%s%s", value->len > 0 ? "," : "", option->value);
    }
  return value->len > 0 ? g_string_free (g_steal_pointer (&value), FALSE) : NULL;
}

void
sc_scale_picker_set_editable (ScScalePicker *self,
                              gboolean       editable)
{
  g_return_if_fail (SC_IS_SCALE_PICKER (self));

  self->editable = editable;
  /* Still focusable, so a read-only form can be read by keyboard. */
  for (guint i = 0; i < self->options->len; i++)
    gtk_widget_set_can_target (option_at (self, i)->button, editable);
  if (editable)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "read-only");
}
