package org.membercore;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

import org.jetbrains.annotations.NotNull;
import org.jetbrains.annotations.Nullable;

/**
 * The signed-in account ({@code mc_account}), a snapshot: it does not change when the account
 * does; read it again. Strings are never null ({@code ""} when unknown).
 */
public final class Account {
    private final String userId;
    private final String phone;
    private final String name;
    private final String email;
    private final String company;
    private final String city;
    private final Set<Role> roles;
    private final boolean profileComplete;
    private final String leadId;
    private final String leadStatus;
    private final Intent intent;
    private final String industry;
    private final int employees;
    private final String timeline;
    private final Money budget;
    private final String companyId;
    private final String buildingId;
    private final String seat;

    /* Called by the JNI glue (the order is the C struct's). */
    Account(String userId, String phone, String name, String email, String company, String city,
            int roles, boolean profileComplete, String leadId, String leadStatus, int intent,
            String industry, int employees, String timeline, Money budget, String companyId,
            String buildingId, String seat) {
        this.userId = userId;
        this.phone = phone;
        this.name = name;
        this.email = email;
        this.company = company;
        this.city = city;
        this.roles = Collections.unmodifiableSet(Role.fromBits(roles));
        this.profileComplete = profileComplete;
        this.leadId = leadId;
        this.leadStatus = leadStatus;
        this.intent = Intent.fromValue(intent);
        this.industry = industry;
        this.employees = employees;
        this.timeline = timeline;
        this.budget = budget;
        this.companyId = companyId;
        this.buildingId = buildingId;
        this.seat = seat;
    }

    public @NotNull String getUserId() {
        return userId;
    }

    /** E.164, e.g. {@code +919800000001}. */
    public @NotNull String getPhone() {
        return phone;
    }

    public @NotNull String getName() {
        return name;
    }

    public @NotNull String getEmail() {
        return email;
    }

    public @NotNull String getCompany() {
        return company;
    }

    public @NotNull String getCity() {
        return city;
    }

    /** Unmodifiable. */
    public @NotNull Set<Role> getRoles() {
        return roles;
    }

    public boolean hasRole(@NotNull Role role) {
        return roles.contains(role);
    }

    public boolean isProfileComplete() {
        return profileComplete;
    }

    /** The CRM lead made by completing the profile, {@code ""} when none. */
    public @NotNull String getLeadId() {
        return leadId;
    }

    /** {@code "new"}, ...; {@code ""} when there is no lead. */
    public @NotNull String getLeadStatus() {
        return leadStatus;
    }

    public @NotNull Intent getIntent() {
        return intent;
    }

    public @NotNull String getIndustry() {
        return industry;
    }

    public int getEmployees() {
        return employees;
    }

    public @NotNull String getTimeline() {
        return timeline;
    }

    /** The lead's monthly budget, with its currency. */
    public @NotNull Money getBudget() {
        return budget;
    }

    /** Members: their company, building and seat ({@code "Cabin 1019"}); else {@code ""}. */
    public @NotNull String getCompanyId() {
        return companyId;
    }

    public @NotNull String getBuildingId() {
        return buildingId;
    }

    public @NotNull String getSeat() {
        return seat;
    }

    @Override
    public @NotNull String toString() {
        return "Account{" + userId + ", " + phone + ", " + name + ", roles=" + roles + ", intent="
                + intent + (seat.isEmpty() ? "" : ", seat=" + seat) + "}";
    }

    /** Equal when every field is (list diffing compares values). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Account)) {
            return false;
        }
        Account other = (Account) o;
        return Objects.equals(userId, other.userId) && Objects.equals(phone, other.phone)
                && Objects.equals(name, other.name) && Objects.equals(email, other.email)
                && Objects.equals(company, other.company) && Objects.equals(city, other.city)
                && Objects.equals(roles, other.roles) && profileComplete == other.profileComplete
                && Objects.equals(leadId, other.leadId)
                && Objects.equals(leadStatus, other.leadStatus)
                && Objects.equals(intent, other.intent) && Objects.equals(industry, other.industry)
                && employees == other.employees && Objects.equals(timeline, other.timeline)
                && Objects.equals(budget, other.budget)
                && Objects.equals(companyId, other.companyId)
                && Objects.equals(buildingId, other.buildingId) && Objects.equals(seat, other.seat);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, phone, name, email, company, city, roles, profileComplete,
                leadId, leadStatus, intent, industry, employees, timeline, budget, companyId,
                buildingId, seat);
    }
}
