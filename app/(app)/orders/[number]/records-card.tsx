import Link from "next/link";
import { EraseCustomerControl } from "@/components/records/erase-customer-control";
import { ExportCustomerLink } from "@/components/records/export-customer-link";
import { LegalHoldControl, type HoldView } from "@/components/records/legal-hold-control";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

type Props = {
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerEmail: string | null;
  orderHold: HoldView;
  customerHold: HoldView;
  erased: boolean;
  /** Why erasure is withheld now (a legal hold on the customer or any of their orders), or null. */
  erasureRefusal: string | null;
};

// Supervisors' records tools on the order page: legal holds (order and customer), the audit trail, the customer's
// data export and erasure (the same controls as the records screen, components/records/).
export function RecordsCard({ orderId, orderNumber, customerId, customerEmail, orderHold, customerHold, erased, erasureRefusal }: Props) {
  return (
    <Card data-testid="records-card">
      <CardHeader>
        <CardTitle>Records</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        <LegalHoldControl target="order" id={orderId} hold={orderHold} label="Order" />
        <LegalHoldControl target="customer" id={customerId} hold={customerHold} label="Customer" />
        <div className="flex flex-wrap items-center gap-2 pt-1">
          <Link href={`/orders/${encodeURIComponent(orderNumber)}/audit`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Audit trail
          </Link>
          <ExportCustomerLink customerId={customerId} />
          <EraseCustomerControl customerId={customerId} email={customerEmail} erased={erased} refusal={erasureRefusal} />
        </div>
      </CardContent>
    </Card>
  );
}
