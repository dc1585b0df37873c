package org.fanzha.staff.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.fanzha.platform.Actor;
import org.fanzha.platform.Actors;
import org.fanzha.platform.InvalidInput;
import org.fanzha.platform.Permission;
import org.fanzha.platform.Role;
import org.fanzha.platform.Source;
import org.fanzha.staff.StaffMember;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/staff")
class StaffController {

    private final StaffAdministration staff;

    StaffController(StaffAdministration staff) {
        this.staff = staff;
    }

    record Me(
            String kind,
            String username,
            String displayName,
            String unitCode,
            Set<Role> roles,
            Set<String> permissions,
            Set<Source> sources) {}

    record NewStaffRequest(
            @NotBlank @Size(max = 32) String username,
            @NotBlank @Size(max = 50) String displayName,
            @NotBlank @Size(max = 12) String unitCode,
            @NotNull @Size(min = 1, max = 6) Set<Role> roles,
            @Nullable @Size(max = 20) String phone,
            @NotBlank @Size(max = 200) String password) {}

    record StaffChangeRequest(
            @Nullable @Size(max = 50) String displayName,
            @Nullable @Size(max = 12) String unitCode,
            @Nullable @Size(min = 1, max = 6) Set<Role> roles,
            @Nullable Boolean enabled,
            @Nullable @Size(max = 20) String phone) {}

    record PoliceNumberRequest(@Nullable String policeNumber) {}

    record PoliceNumber(long id, String policeNumber) {}

    record PasswordRequest(@NotBlank @Size(max = 200) String password) {}

    record OwnPasswordRequest(
            @NotBlank @Size(max = 200) String currentPassword,
            @NotBlank @Size(max = 200) String newPassword) {}

    @GetMapping("/me")
    Me me() {
        Actor actor = Actors.require();
        return new Me(
                actor.kind().name(),
                actor.name(),
                actor.displayName(),
                actor.unitCode(),
                actor.roles(),
                new java.util.TreeSet<>(
                        actor.permissions().stream().map(Permission::authority).toList()),
                actor.sources());
    }

    @GetMapping
    List<StaffMember> list(
            @RequestParam(defaultValue = "") String unit,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (!unit.chars().allMatch(Character::isDigit) || unit.length() > 12) {
            throw new InvalidInput("unit", "error.divisionCode", null);
        }
        if (q.length() > 50) {
            throw new InvalidInput("q", "error.atMost50Characters", null);
        }
        if (page < 0 || size < 1 || size > 500) {
            throw new InvalidInput("size", "error.page0SizeBetween1500", null);
        }
        return staff.list(unit, q, page * size, size);
    }

    @GetMapping("/{id}")
    StaffMember get(@PathVariable long id) {
        return staff.get(id);
    }

    @PostMapping
    ResponseEntity<StaffMember> create(@Valid @RequestBody NewStaffRequest request) {
        StaffMember created = staff.create(new StaffAdministration.NewStaff(
                request.username(),
                request.displayName(),
                request.unitCode(),
                request.roles(),
                request.phone(),
                request.password()));
        return ResponseEntity.created(URI.create("/api/v1/staff/" + created.id()))
                .body(created);
    }

    @PatchMapping("/{id}")
    StaffMember change(@PathVariable long id, @Valid @RequestBody StaffChangeRequest request) {
        return staff.change(
                id,
                new StaffAdministration.StaffChange(
                        request.displayName(),
                        request.unitCode(),
                        request.roles(),
                        request.enabled(),
                        request.phone()));
    }

    @PostMapping("/{id}/password")
    ResponseEntity<Void> resetPassword(@PathVariable long id, @Valid @RequestBody PasswordRequest request) {
        staff.resetPassword(id, request.password());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/me/password")
    ResponseEntity<Void> changeOwnPassword(@Valid @RequestBody OwnPasswordRequest request) {
        staff.changeOwnPassword(request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** 警号: what the public's caller check answers by. */
    @org.springframework.web.bind.annotation.PutMapping("/{id}/police-number")
    PoliceNumber policeNumber(@PathVariable long id, @RequestBody PoliceNumberRequest request) {
        return new PoliceNumber(id, staff.setPoliceNumber(id, request.policeNumber()));
    }
}
