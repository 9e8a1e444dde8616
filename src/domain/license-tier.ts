// Subscription tiers as the rules name them. Mappings normalize legacy names (Silver → Premium,
// Gold → Ultimate) so the rules see one vocabulary.

export type LicenseTier = "Free" | "Starter" | "Bronze" | "Premium" | "Ultimate";
