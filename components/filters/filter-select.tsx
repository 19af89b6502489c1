import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";

type Props = {
  id: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  /** The label of the empty choice ("Any status"); omit when one of the options is the default. */
  anyLabel?: string;
};

/** One labelled filter of a GET filter form (works without JavaScript; the value lands in the URL). */
export function FilterSelect({ id, label, value, options, anyLabel }: Props) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} name={id} defaultValue={value ?? ""}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
