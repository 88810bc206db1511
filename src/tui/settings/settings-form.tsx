// The Edit form of the Settings tab. Tab/↑↓ move, Space/←→ change a choice,
// Enter or Ctrl-S saves through outbound.updateSettings (a ValidationError
// shows under its field and nothing is saved), Esc cancels. The password is
// typed masked and never displayed.
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { ValidationError } from '../../errors.js';
import type { Outbound, PublicSettings } from '../../types.js';
import { PRIORITY, useKeyLayer, type KeyHandlers } from '../input/key-dispatcher.js';
import { TextField } from '../input/text-field.js';
import { isLocalHost, truncate } from '../format.js';
import { useTheme } from '../theme.js';
import { asSettingsPatch, cycleChoice, FIELDS, fieldOfError, initialValues, SECURITY_HELP, toPatch, type FieldKey, type FormValues } from './form-model.js';
import { LocalMtaNote } from './local-mta-note.js';

export interface SettingsFormProps {
  outbound: Outbound;
  settings: PublicSettings;
  width: number;
  onSaved: (settings: PublicSettings, changed: string[]) => void;
  onCancel: () => void;
}

const LABEL_WIDTH = 22;

export function SettingsForm({ outbound, settings, width, onSaved, onCancel }: SettingsFormProps) {
  const theme = useTheme();
  const [values, setValues] = useState<FormValues>(() => initialValues(settings));
  // Keys can arrive faster than renders: handlers read the latest values here.
  const latest = useRef(values);
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const field = FIELDS[focus]!;

  const update = <K extends FieldKey>(key: K, value: FormValues[K]) => {
    latest.current = { ...latest.current, [key]: value };
    setValues(latest.current);
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const save = () => {
    const patch = toPatch(latest.current, settings);
    if (Object.keys(patch).length === 0) {
      onCancel();
      return;
    }
    try {
      const saved = outbound.updateSettings(asSettingsPatch(patch));
      onSaved(saved, Object.keys(patch));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const key = err instanceof ValidationError ? fieldOfError(err.field) : undefined;
      if (key) {
        setErrors({ [key]: message });
        setGeneral(undefined);
        setFocus(FIELDS.findIndex((f) => f.key === key));
      } else {
        setErrors({});
        setGeneral(message);
      }
    }
  };

  const handlers: KeyHandlers = {
    'form.next': () => setFocus((i) => (i + 1) % FIELDS.length),
    'form.prev': () => setFocus((i) => (i - 1 + FIELDS.length) % FIELDS.length),
    'form.save': save,
    'form.cancel': onCancel,
  };
  if (field.kind === 'choice' || field.kind === 'toggle') {
    handlers['form.toggle'] = () => {
      const f = FIELDS[focus]!;
      if (f.kind === 'toggle') update(f.key as 'clearPassword' | 'verifyCertificates', !latest.current[f.key as 'clearPassword' | 'verifyCertificates']);
      else update('security', cycleChoice(f.choices!, latest.current.security, 1));
    };
  }
  useKeyLayer({ id: 'settings-form', priority: PRIORITY.form, captureAll: true, handlers });

  const valueWidth = Math.max(10, width - LABEL_WIDTH - 4);
  const passwordHint = () => {
    if (values.clearPassword) return 'will be cleared on save';
    if (!settings.passwordSet) return 'not set — type one if the host needs a login';
    const src = settings.passwordSource === 'database' ? 'stored in the database' : settings.passwordSource === 'env' ? 'from OUTBOUND_SMTP_PASSWORD' : 'from the password file';
    return `set (${src}) — type to replace, leave empty to keep`;
  };

  const renderValue = (key: FieldKey, focused: boolean) => {
    const def = FIELDS.find((f) => f.key === key)!;
    if (def.kind === 'text' || def.kind === 'password') {
      const v = values[key] as string;
      const mask = def.kind === 'password' ? '*' : undefined;
      const placeholder = def.kind === 'password' ? passwordHint() : def.placeholder;
      return <TextField value={v} focus={focused} mask={mask} placeholder={placeholder} priority={PRIORITY.form + 1} onChange={(nv) => update(key, nv as never)} />;
    }
    if (def.kind === 'toggle') {
      const on = values[key] as boolean;
      const text = key === 'clearPassword' ? (on ? '[x] clear the stored password on save' : '[ ] keep the password') : on ? '[x] yes' : '[ ] no (accept any certificate)';
      return <Text inverse={focused}>{text}</Text>;
    }
    const sec = values.security as keyof typeof SECURITY_HELP;
    return (
      <Text>
        <Text inverse={focused}>{`‹ ${sec} ›`}</Text>
        <Text dimColor> {truncate(SECURITY_HELP[sec] ?? '', Math.max(0, valueWidth - sec.length - 5))}</Text>
      </Text>
    );
  };

  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">Edit settings <Text dimColor>— Enter saves, Esc cancels</Text></Text>
      {FIELDS.map((f, i) => (
        <Box key={f.key} flexDirection="column">
          <Box>
            <Box flexShrink={0} width={LABEL_WIDTH + 2}>
              <Text color={i === focus ? theme.color('accent') : undefined} bold={i === focus}>
                {(i === focus ? '▸ ' : '  ') + f.label}
              </Text>
            </Box>
            <Box width={valueWidth}>{renderValue(f.key, i === focus)}</Box>
          </Box>
          {errors[f.key] ? (
            <Text color={theme.color('error')} wrap="truncate-end">{'    ✗ '}{errors[f.key]}</Text>
          ) : null}
        </Box>
      ))}
      {general ? <Text color={theme.color('error')} wrap="truncate-end">✗ {general}</Text> : null}
      {isLocalHost(values.host) ? <LocalMtaNote /> : null}
    </Box>
  );
}
