import { buttonVariants } from "@/components/ui/button";

/** The customer's data export as a JSON download (/api/customers/[customerId]/export; audited as customer.exported). */
export function ExportCustomerLink({ customerId }: { customerId: string }) {
  return (
    <a href={`/api/customers/${customerId}/export`} download className={buttonVariants({ variant: "outline", size: "sm" })}>
      Export customer data (JSON)
    </a>
  );
}
