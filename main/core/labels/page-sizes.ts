/** Points per inch: PDF's unit. */
export const POINTS_PER_INCH = 72;
/** The return label: 4 × 6 in thermal stock, the carriers' standard. */
export const LABEL_4X6 = { width: 4 * POINTS_PER_INCH, height: 6 * POINTS_PER_INCH } as const;
/** Packing slips and certificates: A4, the paper most datacenters stock. */
export const A4 = { width: 595.28, height: 841.89 } as const;
