import { catalogue } from '@sweepwise/sweeps';
import { SweepFormView } from '@/components/sweep-form/sweep-form';

export default function NewSweepPage() {
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">New sweep</h1>
      <SweepFormView catalogue={catalogue()} />
    </section>
  );
}
