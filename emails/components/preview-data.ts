import type { Address, BaseProps, ItemLine, Totals } from "./types";

// Sample values for the React Email preview server (`email dev`) and for reading a template in isolation.

export const previewBase: BaseProps = {
  brand: { shopName: "Northwind Goods", logoUrl: null, primaryColor: "#3b5bdb", supportEmail: "support@northwind.example", supportPhone: "+1 555 0100" },
  firstName: "Ada",
  orderNumber: "OL-104823",
  trackingPageUrl: "http://localhost:3000/track/3f9c2a7be1d04c6f8a5e2b7d9c1f4a6e8b0d2c4e6f8a1b3c5d7e9f0a2b4c6d8e",
};

export const previewAddress: Address = { name: "Ada Lovelace", line1: "12 Marlborough Street", line2: "Apt 4", city: "Boston", region: "MA", postalCode: "02116", country: "US" };

export const previewItems: ItemLine[] = [
  { sku: "TOTE-CNV", name: "Canvas tote", quantity: 2, unitPrice: "$25.00", lineTotal: "$50.00" },
  { sku: "MUG-ENM-BLU", name: "Enamel mug, blue", quantity: 1, unitPrice: "$14.50", lineTotal: "$14.50" },
];

export const previewTotals: Totals = { subtotal: "$64.50", shipping: "$5.00", tax: "$4.03", total: "$73.53" };
