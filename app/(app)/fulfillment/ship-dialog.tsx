"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { BulkResult } from "@/lib/orders/bulk";
import { carrierRules } from "@/lib/orders/tracking";
import { bulkShip } from "./actions";
import type { Selected } from "./board";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orders: Selected[];
  onDone: (result: { ok: true; data: BulkResult[] } | { ok: false; message: string }) => void;
};

const carriers = Object.entries(carrierRules) as [keyof typeof carrierRules, (typeof carrierRules)[keyof typeof carrierRules]][];

export function ShipDialog({ open, onOpenChange, orders, onDone }: Props) {
  const [isPending, startTransition] = useTransition();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const payload = orders.map((o) => ({
              orderId: o.orderId,
              version: o.version,
              carrier: String(form.get(`carrier-${o.orderId}`)) as keyof typeof carrierRules,
              trackingNumber: String(form.get(`tracking-${o.orderId}`) ?? ""),
            }));
            startTransition(async () => onDone(await bulkShip({ orders: payload })));
          }}
        >
          <DialogHeader>
            <DialogTitle>Ship {orders.length === 1 ? "1 order" : `${orders.length} orders`}</DialogTitle>
            <DialogDescription>Each order ships with its carrier and tracking number, or not at all.</DialogDescription>
          </DialogHeader>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-muted-foreground">
                <th className="pb-2 font-medium">Order</th>
                <th className="pb-2 font-medium">Carrier</th>
                <th className="pb-2 font-medium">Tracking number</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.orderId}>
                  <td className="py-1 pr-2 font-medium">{o.number}</td>
                  <td className="py-1 pr-2">
                    <NativeSelect name={`carrier-${o.orderId}`} aria-label={`Carrier for ${o.number}`} defaultValue="ups">
                      {carriers.map(([id, rule]) => (
                        <option key={id} value={id}>
                          {rule.label}
                        </option>
                      ))}
                    </NativeSelect>
                  </td>
                  <td className="py-1">
                    <Input name={`tracking-${o.orderId}`} aria-label={`Tracking number for ${o.number}`} required autoComplete="off" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <DialogFooter>
            <Button type="submit" disabled={isPending}>
              {isPending ? "Shipping…" : "Ship"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
