// A person of a partner company, with the trainings and certifications the rules count
// (ELIG-2 Foundations training, NFR-1 certifications).

export interface PersonTraining {
  /** Course name as the portal records it, e.g. "GitLab Foundations for Partners". */
  name: string;
  completedAt: Date | null;
}

export interface PersonCertification {
  /** e.g. "Solution Architect", "Professional Services Engineer". */
  name: string;
  earnedAt: Date | null;
  /** null = does not expire. */
  expiresAt: Date | null;
}

export interface PartnerPerson {
  id: string;
  partnerId: string;
  name: string;
  email: string | null;
  active: boolean;
  trainings: PersonTraining[];
  certifications: PersonCertification[];
}
