import { RecordProofButton } from "@/components/orders/proof-of-delivery-dialog";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { Order } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { ProofOfDeliveryView } from "@/lib/orders/proof-of-delivery";
import { proofStatuses } from "@/lib/orders/proof-of-delivery-schema";

type Props = { order: Pick<Order, "id" | "number" | "status" | "version">; proof: ProofOfDeliveryView | null; timeZone: string; canRecord: boolean };

// Who received the parcel, when, who recorded it, and the photo. Shown once the order is on its way.
export function ProofOfDeliveryCard({ order, proof, timeZone, canRecord }: Props) {
  const recordable = (proofStatuses as readonly string[]).includes(order.status);
  if (!proof && !recordable) return null;
  // The photo URL changes with each recording, so a replaced photo is never served from the browser's cache.
  const photoUrl = proof?.photoKey ? `/api/orders/${order.id}/proof-photo?v=${proof.createdAt.getTime()}` : null;
  return (
    <Card aria-labelledby="pod-heading" data-testid="proof-of-delivery">
      <CardHeader>
        <CardTitle id="pod-heading" role="heading" aria-level={2}>
          Proof of delivery
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-wrap items-start gap-4 text-sm">
        {proof ? (
          <dl className="grid flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-muted-foreground">Received by</dt>
            <dd className="font-medium">{proof.recipientName}</dd>
            <dt className="text-muted-foreground">Received at</dt>
            <dd>{formatDateTime(proof.receivedAt, timeZone)}</dd>
            <dt className="text-muted-foreground">Recorded by</dt>
            <dd>
              {proof.recordedByName ?? (proof.actorType === "user" ? "A user" : "System")}, {formatDateTime(proof.createdAt, timeZone)}
            </dd>
          </dl>
        ) : (
          <p className="flex-1 text-muted-foreground">No proof of delivery recorded yet.</p>
        )}
        {photoUrl ? (
          <a href={photoUrl} target="_blank" rel="noreferrer" className="block rounded-md border p-1 hover:bg-accent" aria-label={`Open the delivery photo for ${order.number} in full size`}>
            {/* A plain img: the photo sits behind the session, which the image optimizer's own fetch would not carry. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={photoUrl} alt={`Delivery photo, received by ${proof!.recipientName}`} width={96} height={96} className="size-24 rounded object-cover" loading="lazy" />
          </a>
        ) : null}
        {canRecord && recordable ? (
          <div className="basis-full">
            <RecordProofButton orderId={order.id} orderNumber={order.number} version={order.version} timeZone={timeZone} replace={proof !== null} />
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
