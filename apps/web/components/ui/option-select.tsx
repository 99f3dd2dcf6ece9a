/** A labelled pick of one string from a list: which metric, state or parameter a view shows. */
export function OptionSelect({
  label,
  ariaLabel,
  options,
  value,
  onChange,
  className,
}: {
  label: string;
  ariaLabel: string;
  options: readonly string[];
  value: string;
  onChange(value: string): void;
  className?: string;
}) {
  return (
    <label className={className}>
      {label}{' '}
      <select
        aria-label={ariaLabel}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded border px-1 py-0.5"
      >
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}
