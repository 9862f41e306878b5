package dev.idmap.sim.confluence;

import dev.idmap.sim.Expectation;

/**
 * Every special case of the generated Confluence migration, with the namespace it applies to and what a correct,
 * never-guessing mapper must report for it. The README's scenario table is this enum with its counts.
 */
public enum ConfluenceCase {
    USER_EMAIL_MATCH(Namespaces.USER, "user_email_match", Expectation.MATCH),
    USER_EMAIL_CASE_DIFFERS(Namespaces.USER, "user_email_case_differs", Expectation.MATCH),
    USER_EMAIL_HIDDEN(Namespaces.USER, "user_email_hidden", Expectation.MATCH),
    USER_MERGED_SHARED_EMAIL(Namespaces.USER, "user_merged_shared_email", Expectation.MATCH),
    USER_DEACTIVATED(Namespaces.USER, "user_deactivated", Expectation.MATCH),
    USER_NOT_MIGRATED(Namespaces.USER, "user_not_migrated", Expectation.UNMATCHED),

    GROUP_CREATED(Namespaces.GROUP, "group_created", Expectation.MATCH),
    GROUP_MERGED_BY_NAME(Namespaces.GROUP, "group_merged_by_name", Expectation.MATCH),
    GROUP_NOT_MIGRATED(Namespaces.GROUP, "group_not_migrated", Expectation.UNMATCHED),

    SPACE_KEY_KEPT(Namespaces.SPACE, "space_key_kept", Expectation.MATCH),
    SPACE_ARCHIVED(Namespaces.SPACE, "space_archived", Expectation.MATCH),
    SPACE_PERSONAL_REKEYED(Namespaces.SPACE, "space_personal_rekeyed", Expectation.MATCH),
    SPACE_NOT_MIGRATED(Namespaces.SPACE, "space_not_migrated", Expectation.UNMATCHED),
    SPACE_PERSONAL_OWNER_NOT_MIGRATED(Namespaces.SPACE, "space_personal_owner_not_migrated", Expectation.UNMATCHED),

    PAGE_MIGRATED(Namespaces.PAGE, "page_migrated", Expectation.MATCH),
    PAGE_IN_PERSONAL_SPACE(Namespaces.PAGE, "page_in_personal_space", Expectation.MATCH),
    PAGE_TITLE_DUPLICATED_IN_CLOUD(Namespaces.PAGE, "page_title_duplicated_in_cloud", Expectation.AMBIGUOUS),
    PAGE_IN_UNMIGRATED_SPACE(Namespaces.PAGE, "page_in_unmigrated_space", Expectation.UNMATCHED),

    BLOGPOST_MIGRATED(Namespaces.BLOGPOST, "blogpost_migrated", Expectation.MATCH),
    BLOGPOST_SAME_TITLE_OTHER_DAY(Namespaces.BLOGPOST, "blogpost_same_title_other_day", Expectation.MATCH),
    BLOGPOST_IN_UNMIGRATED_SPACE(Namespaces.BLOGPOST, "blogpost_in_unmigrated_space", Expectation.UNMATCHED),

    ATTACHMENT_ON_PAGE(Namespaces.ATTACHMENT, "attachment_on_page", Expectation.MATCH),
    ATTACHMENT_ON_BLOGPOST(Namespaces.ATTACHMENT, "attachment_on_blogpost", Expectation.MATCH),
    ATTACHMENT_IN_UNMIGRATED_SPACE(Namespaces.ATTACHMENT, "attachment_in_unmigrated_space", Expectation.UNMATCHED),

    COMMENT_FOOTER(Namespaces.COMMENT, "comment_footer", Expectation.MATCH),
    COMMENT_FOOTER_REPLY(Namespaces.COMMENT, "comment_footer_reply", Expectation.MATCH),
    COMMENT_INLINE(Namespaces.COMMENT, "comment_inline", Expectation.MATCH),
    COMMENT_INLINE_REPLY(Namespaces.COMMENT, "comment_inline_reply", Expectation.MATCH),
    COMMENT_DUPLICATE_SUBMISSION(Namespaces.COMMENT, "comment_duplicate_submission", Expectation.AMBIGUOUS),
    COMMENT_IN_UNMIGRATED_SPACE(Namespaces.COMMENT, "comment_in_unmigrated_space", Expectation.UNMATCHED);

    private final String namespace;
    private final String label;
    private final Expectation expectation;

    ConfluenceCase(String namespace, String label, Expectation expectation) {
        this.namespace = namespace;
        this.label = label;
        this.expectation = expectation;
    }

    public String namespace() {
        return namespace;
    }

    /** The value of the ground truth's {@code case} column. */
    public String label() {
        return label;
    }

    public Expectation expectation() {
        return expectation;
    }

    /** The ground-truth namespaces of Confluence. */
    public static final class Namespaces {
        public static final String USER = "identity:user";
        public static final String GROUP = "identity:group";
        public static final String SPACE = "confluence:space";
        public static final String PAGE = "confluence:page";
        public static final String BLOGPOST = "confluence:blogpost";
        public static final String ATTACHMENT = "confluence:attachment";
        public static final String COMMENT = "confluence:comment";

        private Namespaces() {}
    }
}
