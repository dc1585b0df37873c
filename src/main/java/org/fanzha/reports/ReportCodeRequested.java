package org.fanzha.reports;

/** A reporter asked for a code to prove their phone: it is texted to them (where SMS is configured). */
public record ReportCodeRequested(String phone, String code) {}
