/** Small form pieces the settings cards and dialogs share. */
import type { ReactNode } from 'react';

/** A labelled text input; `secret` ones are masked and never autofilled. */
export function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  required?: boolean;
  secret?: boolean;
  maxLength?: number;
}) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        required={props.required}
        maxLength={props.maxLength}
        {...(props.secret ? { type: 'password', autoComplete: 'off' } : {})}
      />
    </label>
  );
}

/** The options of a select over things with an id and a name. */
export function NamedOptions({
  items,
}: {
  items: readonly { id: string | number; name: string }[] | undefined;
}) {
  return (
    <>
      {items?.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}

/** A form's error, announced to screen readers; nothing when there is none. */
export function ErrorBanner({ message }: { message: string | null }) {
  return message ? (
    <div role="alert" className="error-banner">
      {message}
    </div>
  ) : null;
}

/** A filter on a yes/no fact: "Any", or the yes or no wording of the fact. */
export function YesNoAnySelect(props: {
  label: string;
  value: boolean | undefined;
  onChange(value: boolean | undefined): void;
  yes: string;
  no: string;
}) {
  return (
    <label>
      {props.label}
      <select
        value={props.value === undefined ? '' : props.value ? 'yes' : 'no'}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
      >
        <option value="">Any</option>
        <option value="yes">{props.yes}</option>
        <option value="no">{props.no}</option>
      </select>
    </label>
  );
}

/** A checkbox with its label after it, on one line; `onChange` gets the new state. */
export function Checkbox({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}
