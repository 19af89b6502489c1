"use client";

import { Fragment, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { Carrier } from "@/db/schema";
import type { BulkResult } from "@/lib/orders/bulk";
import { carrierLabels } from "@/lib/orders/tracking";
import { bulkShip } from "./actions";
import type { Selected } from "./board";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  orders: Selected[];
  onDone: (result: { ok: true; data: BulkResult[] } | { ok: false; message: string }) => void;
};

const carriers = Object.entries(carrierLabels) as [Carrier, string][];

export function ShipDialog({ open, onOpenChange, orders, onDone }: Props) {
  const [isPending, startTransition] = useTransition();
  // Which carrier each order has picked: "other" asks for the carrier's name and tracking link.
  const [picked, setPicked] = useState<Record<string, Carrier>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const carrierOf = (orderId: string) => picked[orderId] ?? "ups";
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const payload = orders.map((o) => {
              const carrier = carrierOf(o.orderId);
              return {
                orderId: o.orderId,
                version: o.version,
                carrier,
                trackingNumber: String(form.get(`tracking-${o.orderId}`) ?? ""),
                ...(carrier === "other"
                  ? { carrierName: String(form.get(`carrier-name-${o.orderId}`) ?? ""), trackingUrlTemplate: String(form.get(`tracking-url-${o.orderId}`) ?? "") }
                  : {}),
              };
            });
            startTransition(async () => {
              const result = await bulkShip({ orders: payload });
              setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
              onDone(result);
            });
          }}
        >
          <DialogHeader>
            <DialogTitle>Ship {orders.length === 1 ? "1 order" : `${orders.length} orders`}</DialogTitle>
            <DialogDescription>
              Each order ships with its carrier and tracking number, or not at all. For another carrier, give its name and its tracking link with {"{tracking}"} where the number goes.
            </DialogDescription>
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
              {orders.map((o, i) => {
                const errors = [...(fieldErrors[`orders.${i}.carrierName`] ?? []), ...(fieldErrors[`orders.${i}.trackingUrlTemplate`] ?? []), ...(fieldErrors[`orders.${i}.trackingNumber`] ?? [])];
                return (
                  <Fragment key={o.orderId}>
                    <tr>
                      <td className="py-1 pr-2 font-medium">{o.number}</td>
                      <td className="py-1 pr-2">
                        <NativeSelect
                          name={`carrier-${o.orderId}`}
                          aria-label={`Carrier for ${o.number}`}
                          value={carrierOf(o.orderId)}
                          onChange={(e) => setPicked((current) => ({ ...current, [o.orderId]: e.target.value as Carrier }))}
                        >
                          {carriers.map(([id, label]) => (
                            <option key={id} value={id}>
                              {label}
                            </option>
                          ))}
                        </NativeSelect>
                      </td>
                      <td className="py-1">
                        <Input name={`tracking-${o.orderId}`} aria-label={`Tracking number for ${o.number}`} required autoComplete="off" />
                      </td>
                    </tr>
                    {carrierOf(o.orderId) === "other" ? (
                      <tr>
                        <td />
                        <td className="py-1 pr-2 align-top">
                          <Input name={`carrier-name-${o.orderId}`} aria-label={`Carrier name for ${o.number}`} placeholder="Carrier name" required maxLength={80} autoComplete="off" />
                        </td>
                        <td className="py-1 align-top">
                          <Input
                            name={`tracking-url-${o.orderId}`}
                            aria-label={`Tracking link template for ${o.number}`}
                            placeholder="https://track.example.com/{tracking}"
                            type="url"
                            required
                            maxLength={500}
                            autoComplete="off"
                          />
                        </td>
                      </tr>
                    ) : null}
                    {errors.length > 0 ? (
                      <tr>
                        <td />
                        <td colSpan={2} role="alert" className="pb-1 text-sm text-destructive">
                          {errors.join(" ")}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
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
