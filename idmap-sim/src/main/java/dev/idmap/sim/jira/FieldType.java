package dev.idmap.sim.jira;

/** The custom field types the generator uses, with their type and searcher keys and JSON schema. */
enum FieldType {
    SELECT("select", "multiselectsearcher", "option", null, true),
    MULTI_SELECT("multiselect", "multiselectsearcher", "array", "option", true),
    CASCADING_SELECT("cascadingselect", "cascadingselectsearcher", "option-with-child", null, true),
    TEXT("textfield", "textsearcher", "string", null, false),
    NUMBER("float", "exactnumber", "number", null, false),
    DATE("datepicker", "daterange", "date", null, false),
    USER_PICKER("userpicker", "userpickergroupsearcher", "user", null, false),
    LABELS("labels", "labelsearcher", "array", "string", false),
    SPRINT(
            "com.pyxis.greenhopper.jira:gh-sprint",
            "com.pyxis.greenhopper.jira:gh-sprint-searcher",
            "array",
            "json",
            false),
    EPIC_LINK(
            "com.pyxis.greenhopper.jira:gh-epic-link",
            "com.pyxis.greenhopper.jira:gh-epic-link-searcher",
            "any",
            null,
            false);

    private static final String SYSTEM = "com.atlassian.jira.plugin.system.customfieldtypes:";

    private final String typeKey;
    private final String searcherKey;
    final String schemaType;
    final String schemaItems;
    final boolean hasOptions;

    FieldType(String type, String searcher, String schemaType, String schemaItems, boolean hasOptions) {
        this.typeKey = type.contains(":") ? type : SYSTEM + type;
        this.searcherKey = searcher.contains(":") ? searcher : SYSTEM + searcher;
        this.schemaType = schemaType;
        this.schemaItems = schemaItems;
        this.hasOptions = hasOptions;
    }

    String typeKey() {
        return typeKey;
    }

    String searcherKey() {
        return searcherKey;
    }

    static final FieldType[] PLAIN_ROTATION = {
        SELECT, MULTI_SELECT, CASCADING_SELECT, TEXT, NUMBER, DATE, USER_PICKER, LABELS
    };
}
