import Link from 'next/link';
import { EmptyState } from '@/components/ui/states';

export default function NotFound() {
  return (
    <EmptyState>
      Not found.{' '}
      <Link href="/sweeps" className="text-blue-700 underline">
        Back to the sweeps
      </Link>
    </EmptyState>
  );
}
