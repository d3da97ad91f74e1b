package org.membercore;

import java.util.Objects;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The member's membership ({@code mc_membership}), from the local store: status
 * {@link MembershipStatus#ACTIVE} for a member of a company's plan, {@link MembershipStatus#NONE}
 * (and every other field {@code ""}) for an on-demand user. Strings are never null.
 */
public final class Membership {
    private final MembershipStatus status;
    private final String plan;
    private final String companyId;
    private final String buildingId;
    private final String seat;
    private final String contractStart;
    private final String contractEnd;

    Membership(int status, String plan, String companyId, String buildingId, String seat,
            String contractStart, String contractEnd) {
        this.status = MembershipStatus.fromValue(status);
        this.plan = plan;
        this.companyId = companyId;
        this.buildingId = buildingId;
        this.seat = seat;
        this.contractStart = contractStart;
        this.contractEnd = contractEnd;
    }

    /** The status is {@link MembershipStatus#ACTIVE}. */
    public boolean isActive() {
        return status == MembershipStatus.ACTIVE;
    }

    public @NotNull MembershipStatus getStatus() {
        return status;
    }

    /** The core's name of the status: {@code "active"}, {@code "none"}. */
    public @NotNull String getStatusName() {
        return status.statusName();
    }

    /** e.g. {@code "private_cabin"}. */
    public @NotNull String getPlan() {
        return plan;
    }

    public @NotNull String getCompanyId() {
        return companyId;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    /** e.g. {@code "Cabin 1019"}. */
    public @NotNull String getSeat() {
        return seat;
    }

    /** {@code "YYYY-MM-DD"}, or {@code ""}. */
    public @NotNull String getContractStart() {
        return contractStart;
    }

    /** {@code "YYYY-MM-DD"} (the last day), or {@code ""}. */
    public @NotNull String getContractEnd() {
        return contractEnd;
    }

    @Override
    public @NotNull String toString() {
        return "Membership{" + status + " " + plan + " " + companyId + " " + buildingId + " '"
                + seat + "' " + contractStart + ".." + contractEnd + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Membership)) {
            return false;
        }
        Membership other = (Membership) o;
        return Objects.equals(status, other.status) && Objects.equals(plan, other.plan)
                && Objects.equals(companyId, other.companyId)
                && Objects.equals(buildingId, other.buildingId) && Objects.equals(seat, other.seat)
                && Objects.equals(contractStart, other.contractStart)
                && Objects.equals(contractEnd, other.contractEnd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, plan, companyId, buildingId, seat, contractStart, contractEnd);
    }
}
