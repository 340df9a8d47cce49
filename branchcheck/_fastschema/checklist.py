"""Validity check for schemas/checklist.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "62ddfeda7fd0d252195b23bc0a9ab0ed66cddfdc1f83a164dfba6a217e0bba4e"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$(?!\\n)': re.compile('^[A-Za-z0-9][A-Za-z0-9_-]{0,15}\\Z(?!\\n)'),
    '^-?[0-9]+$(?!\\n)': re.compile('^-?[0-9]+\\Z(?!\\n)'),
    '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$(?!\\n)': re.compile('^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?\\Z(?!\\n)'),
    '^[a-z0-9]+(-[a-z0-9]+)*$(?!\\n)': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z(?!\\n)')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'version', 'title', 'sections']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (int)) and not (isinstance(data__version, float) and data__version.is_integer()) or isinstance(data__version, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be integer", value=data__version, name="" + (name_prefix or "data") + ".version", definition=None, rule='type')
            if isinstance(data__version, (int, float, Decimal)) and not isinstance(data__version, bool):
                if data__version < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be bigger than or equal to 1", value=data__version, name="" + (name_prefix or "data") + ".version", definition=None, rule='minimum')
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__title, custom_formats, (name_prefix or "data") + ".title")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "rationale" in data_keys:
            data_keys.remove("rationale")
            data__rationale = data["rationale"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__rationale, custom_formats, (name_prefix or "data") + ".rationale")
        if "estimated_minutes" in data_keys:
            data_keys.remove("estimated_minutes")
            data__estimatedminutes = data["estimated_minutes"]
            if not isinstance(data__estimatedminutes, (int, float, Decimal)) or isinstance(data__estimatedminutes, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".estimated_minutes must be number", value=data__estimatedminutes, name="" + (name_prefix or "data") + ".estimated_minutes", definition=None, rule='type')
            if isinstance(data__estimatedminutes, (int, float, Decimal)) and not isinstance(data__estimatedminutes, bool):
                if data__estimatedminutes <= 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".estimated_minutes must be bigger than 0", value=data__estimatedminutes, name="" + (name_prefix or "data") + ".estimated_minutes", definition=None, rule='exclusiveMinimum')
        if "languages" in data_keys:
            data_keys.remove("languages")
            data__languages = data["languages"]
            if not isinstance(data__languages, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".languages must be array", value=data__languages, name="" + (name_prefix or "data") + ".languages", definition=None, rule='type')
            data__languages_is_list = isinstance(data__languages, (list, tuple))
            if data__languages_is_list:
                data__languages_len = len(data__languages)
                if data__languages_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".languages must contain at least 1 items", value=data__languages, name="" + (name_prefix or "data") + ".languages", definition=None, rule='minItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__languages_len > len(set(fn(data__languages_x) for data__languages_x in data__languages)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".languages must contain unique items", value=data__languages, name="" + (name_prefix or "data") + ".languages", definition=None, rule='uniqueItems')
                for data__languages_x, data__languages_item in enumerate(data__languages):
                    validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_lang(data__languages_item, custom_formats, (name_prefix or "data") + ".languages[{data__languages_x}]")
        if "tags" in data_keys:
            data_keys.remove("tags")
            data__tags = data["tags"]
            if not isinstance(data__tags, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags must be array", value=data__tags, name="" + (name_prefix or "data") + ".tags", definition=None, rule='type')
            data__tags_is_list = isinstance(data__tags, (list, tuple))
            if data__tags_is_list:
                data__tags_len = len(data__tags)
                for data__tags_x, data__tags_item in enumerate(data__tags):
                    if not isinstance(data__tags_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]" + " must be string", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]" + "", definition=None, rule='type')
                    if isinstance(data__tags_item, str):
                        data__tags_item_len = len(data__tags_item)
                        if data__tags_item_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags[{data__tags_x}]" + " must be longer than or equal to 1 characters", value=data__tags_item, name="" + (name_prefix or "data") + ".tags[{data__tags_x}]" + "", definition=None, rule='minLength')
        if "scales" in data_keys:
            data_keys.remove("scales")
            data__scales = data["scales"]
            if not isinstance(data__scales, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scales must be object", value=data__scales, name="" + (name_prefix or "data") + ".scales", definition=None, rule='type')
            data__scales_is_dict = isinstance(data__scales, dict)
            if data__scales_is_dict:
                data__scales_keys = set(data__scales.keys())
                for data__scales_key in data__scales_keys:
                    if data__scales_key not in []:
                        data__scales_value = data__scales.get(data__scales_key)
                        validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_scale(data__scales_value, custom_formats, (name_prefix or "data") + ".scales.{data__scales_key}")
                data__scales_len = len(data__scales)
                if data__scales_len != 0:
                    data__scales_property_names = True
                    for data__scales_key in data__scales:
                        try:
                            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__scales_key, custom_formats, (name_prefix or "data") + ".scales")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__scales_property_names = False
                    if not data__scales_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scales must be named by propertyName definition", value=data__scales, name="" + (name_prefix or "data") + ".scales", definition=None, rule='propertyNames')
        if "grades" in data_keys:
            data_keys.remove("grades")
            data__grades = data["grades"]
            if not isinstance(data__grades, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades must be array", value=data__grades, name="" + (name_prefix or "data") + ".grades", definition=None, rule='type')
            data__grades_is_list = isinstance(data__grades, (list, tuple))
            if data__grades_is_list:
                data__grades_len = len(data__grades)
                if data__grades_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades must contain at least 1 items", value=data__grades, name="" + (name_prefix or "data") + ".grades", definition=None, rule='minItems')
                for data__grades_x, data__grades_item in enumerate(data__grades):
                    if not isinstance(data__grades_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}]" + " must be object", value=data__grades_item, name="" + (name_prefix or "data") + ".grades[{data__grades_x}]" + "", definition=None, rule='type')
                    data__grades_item_is_dict = isinstance(data__grades_item, dict)
                    if data__grades_item_is_dict:
                        data__grades_item__missing_keys = set(['min', 'label']) - data__grades_item.keys()
                        if data__grades_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}]" + " must contain " + (str(sorted(data__grades_item__missing_keys)) + " properties"), value=data__grades_item, name="" + (name_prefix or "data") + ".grades[{data__grades_x}]" + "", definition=None, rule='required')
                        data__grades_item_keys = set(data__grades_item.keys())
                        if "min" in data__grades_item_keys:
                            data__grades_item_keys.remove("min")
                            data__grades_item__min = data__grades_item["min"]
                            if not isinstance(data__grades_item__min, (int, float, Decimal)) or isinstance(data__grades_item__min, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + " must be number", value=data__grades_item__min, name="" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + "", definition=None, rule='type')
                            if isinstance(data__grades_item__min, (int, float, Decimal)) and not isinstance(data__grades_item__min, bool):
                                if data__grades_item__min < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + " must be bigger than or equal to 0", value=data__grades_item__min, name="" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + "", definition=None, rule='minimum')
                                if data__grades_item__min > 100:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + " must be smaller than or equal to 100", value=data__grades_item__min, name="" + (name_prefix or "data") + ".grades[{data__grades_x}].min" + "", definition=None, rule='maximum')
                        if "label" in data__grades_item_keys:
                            data__grades_item_keys.remove("label")
                            data__grades_item__label = data__grades_item["label"]
                            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__grades_item__label, custom_formats, (name_prefix or "data") + ".grades[{data__grades_x}].label")
                        if data__grades_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".grades[{data__grades_x}]" + " must not contain "+str(data__grades_item_keys)+" properties", value=data__grades_item, name="" + (name_prefix or "data") + ".grades[{data__grades_x}]" + "", definition=None, rule='additionalProperties')
        if "sections" in data_keys:
            data_keys.remove("sections")
            data__sections = data["sections"]
            if not isinstance(data__sections, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections must be array", value=data__sections, name="" + (name_prefix or "data") + ".sections", definition=None, rule='type')
            data__sections_is_list = isinstance(data__sections, (list, tuple))
            if data__sections_is_list:
                data__sections_len = len(data__sections)
                if data__sections_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sections must contain at least 1 items", value=data__sections, name="" + (name_prefix or "data") + ".sections", definition=None, rule='minItems')
                for data__sections_x, data__sections_item in enumerate(data__sections):
                    validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_section(data__sections_item, custom_formats, (name_prefix or "data") + ".sections[{data__sections_x}]")
        if "rectify" in data_keys:
            data_keys.remove("rectify")
            data__rectify = data["rectify"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_rectify(data__rectify, custom_formats, (name_prefix or "data") + ".rectify")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_rectify(data, custom_formats={}, name_prefix=None):
    data_one_of_count1 = 0
    if data_one_of_count1 < 2:
        try:
            if not (isinstance(data, bool) and data is False):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be same as const definition: False", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='const')
            data_one_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count1 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data_len = len(data)
                if data_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minProperties')
                data_keys = set(data.keys())
                if "within_days" in data_keys:
                    data_keys.remove("within_days")
                    data__withindays = data["within_days"]
                    if not isinstance(data__withindays, (int)) and not (isinstance(data__withindays, float) and data__withindays.is_integer()) or isinstance(data__withindays, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".within_days must be integer", value=data__withindays, name="" + (name_prefix or "data") + ".within_days", definition=None, rule='type')
                    if isinstance(data__withindays, (int, float, Decimal)) and not isinstance(data__withindays, bool):
                        if data__withindays < 0:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".within_days must be bigger than or equal to 0", value=data__withindays, name="" + (name_prefix or "data") + ".within_days", definition=None, rule='minimum')
                        if data__withindays > 365:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".within_days must be smaller than or equal to 365", value=data__withindays, name="" + (name_prefix or "data") + ".within_days", definition=None, rule='maximum')
                if "owner_role" in data_keys:
                    data_keys.remove("owner_role")
                    data__ownerrole = data["owner_role"]
                    validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__ownerrole, custom_formats, (name_prefix or "data") + ".owner_role")
                if "category" in data_keys:
                    data_keys.remove("category")
                    data__category = data["category"]
                    if not (isinstance(data__category, str) and data__category == 'on-the-spot' or isinstance(data__category, str) and data__category == 'branch' or isinstance(data__category, str) and data__category == 'external'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".category must be one of ['on-the-spot', 'branch', 'external']", value=data__category, name="" + (name_prefix or "data") + ".category", definition=None, rule='enum')
                if "below" in data_keys:
                    data_keys.remove("below")
                    data__below = data["below"]
                    if not isinstance(data__below, (int)) and not (isinstance(data__below, float) and data__below.is_integer()) or isinstance(data__below, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".below must be integer", value=data__below, name="" + (name_prefix or "data") + ".below", definition=None, rule='type')
                if data_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
            data_one_of_count1 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count1 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition" + (" (" + str(data_one_of_count1) + " matches found)"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='oneOf')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_section(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'title', 'items']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__title, custom_formats, (name_prefix or "data") + ".title")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__description, custom_formats, (name_prefix or "data") + ".description")
        if "weight" in data_keys:
            data_keys.remove("weight")
            data__weight = data["weight"]
            if not isinstance(data__weight, (int, float, Decimal)) or isinstance(data__weight, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be number", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition=None, rule='type')
            if isinstance(data__weight, (int, float, Decimal)) and not isinstance(data__weight, bool):
                if data__weight < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be bigger than or equal to 0", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition=None, rule='minimum')
        if "ipa" in data_keys:
            data_keys.remove("ipa")
            data__ipa = data["ipa"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_ipa(data__ipa, custom_formats, (name_prefix or "data") + ".ipa")
        if "items" in data_keys:
            data_keys.remove("items")
            data__items = data["items"]
            if not isinstance(data__items, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must be array", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='type')
            data__items_is_list = isinstance(data__items, (list, tuple))
            if data__items_is_list:
                data__items_len = len(data__items)
                if data__items_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must contain at least 1 items", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='minItems')
                for data__items_x, data__items_item in enumerate(data__items):
                    validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_item(data__items_item, custom_formats, (name_prefix or "data") + ".items[{data__items_x}]")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_item(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'scale'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: scale", value=data__type, name="" + (name_prefix or "data") + ".type", definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['scale']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'choice'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: choice", value=data__type, name="" + (name_prefix or "data") + ".type", definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['options']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'metric'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: metric", value=data__type, name="" + (name_prefix or "data") + ".type", definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['pass_if']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'text', 'type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "text" in data_keys:
            data_keys.remove("text")
            data__text = data["text"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__text, custom_formats, (name_prefix or "data") + ".text")
        if "guidance" in data_keys:
            data_keys.remove("guidance")
            data__guidance = data["guidance"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__guidance, custom_formats, (name_prefix or "data") + ".guidance")
        if "rationale" in data_keys:
            data_keys.remove("rationale")
            data__rationale = data["rationale"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__rationale, custom_formats, (name_prefix or "data") + ".rationale")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not (isinstance(data__type, str) and data__type == 'check' or isinstance(data__type, str) and data__type == 'scale' or isinstance(data__type, str) and data__type == 'choice' or isinstance(data__type, str) and data__type == 'metric' or isinstance(data__type, str) and data__type == 'text'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['check', 'scale', 'choice', 'metric', 'text']", value=data__type, name="" + (name_prefix or "data") + ".type", definition=None, rule='enum')
        if "weight" in data_keys:
            data_keys.remove("weight")
            data__weight = data["weight"]
            if not isinstance(data__weight, (int, float, Decimal)) or isinstance(data__weight, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be number", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition=None, rule='type')
            if isinstance(data__weight, (int, float, Decimal)) and not isinstance(data__weight, bool):
                if data__weight < 0:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".weight must be bigger than or equal to 0", value=data__weight, name="" + (name_prefix or "data") + ".weight", definition=None, rule='minimum')
        if "allow_na" in data_keys:
            data_keys.remove("allow_na")
            data__allowna = data["allow_na"]
            if not isinstance(data__allowna, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allow_na must be boolean", value=data__allowna, name="" + (name_prefix or "data") + ".allow_na", definition=None, rule='type')
        if "note_required_on_fail" in data_keys:
            data_keys.remove("note_required_on_fail")
            data__noterequiredonfail = data["note_required_on_fail"]
            if not isinstance(data__noterequiredonfail, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".note_required_on_fail must be boolean", value=data__noterequiredonfail, name="" + (name_prefix or "data") + ".note_required_on_fail", definition=None, rule='type')
        if "critical" in data_keys:
            data_keys.remove("critical")
            data__critical = data["critical"]
            if not (isinstance(data__critical, str) and data__critical == 'section' or isinstance(data__critical, str) and data__critical == 'checklist'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".critical must be one of ['section', 'checklist']", value=data__critical, name="" + (name_prefix or "data") + ".critical", definition=None, rule='enum')
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be string", value=data__source, name="" + (name_prefix or "data") + ".source", definition=None, rule='type')
            if isinstance(data__source, str):
                data__source_len = len(data__source)
                if data__source_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be longer than or equal to 1 characters", value=data__source, name="" + (name_prefix or "data") + ".source", definition=None, rule='minLength')
        if "when" in data_keys:
            data_keys.remove("when")
            data__when = data["when"]
            if not isinstance(data__when, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".when must be object", value=data__when, name="" + (name_prefix or "data") + ".when", definition=None, rule='type')
            data__when_is_dict = isinstance(data__when, dict)
            if data__when_is_dict:
                data__when__missing_keys = set(['item', 'equals']) - data__when.keys()
                if data__when__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".when must contain " + (str(sorted(data__when__missing_keys)) + " properties"), value=data__when, name="" + (name_prefix or "data") + ".when", definition=None, rule='required')
                data__when_keys = set(data__when.keys())
                if "item" in data__when_keys:
                    data__when_keys.remove("item")
                    data__when__item = data__when["item"]
                    validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__when__item, custom_formats, (name_prefix or "data") + ".when.item")
                if "equals" in data__when_keys:
                    data__when_keys.remove("equals")
                    data__when__equals = data__when["equals"]
                    if not isinstance(data__when__equals, (str, int, float, Decimal, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".when.equals must be string or number or boolean", value=data__when__equals, name="" + (name_prefix or "data") + ".when.equals", definition=None, rule='type')
                if data__when_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".when must not contain "+str(data__when_keys)+" properties", value=data__when, name="" + (name_prefix or "data") + ".when", definition=None, rule='additionalProperties')
        if "scale" in data_keys:
            data_keys.remove("scale")
            data__scale = data["scale"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data__scale, custom_formats, (name_prefix or "data") + ".scale")
        if "options" in data_keys:
            data_keys.remove("options")
            data__options = data["options"]
            if not isinstance(data__options, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must be array", value=data__options, name="" + (name_prefix or "data") + ".options", definition=None, rule='type')
            data__options_is_list = isinstance(data__options, (list, tuple))
            if data__options_is_list:
                data__options_len = len(data__options)
                if data__options_len < 2:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must contain at least 2 items", value=data__options, name="" + (name_prefix or "data") + ".options", definition=None, rule='minItems')
                for data__options_x, data__options_item in enumerate(data__options):
                    if not isinstance(data__options_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]" + " must be object", value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]" + "", definition=None, rule='type')
                    data__options_item_is_dict = isinstance(data__options_item, dict)
                    if data__options_item_is_dict:
                        data__options_item__missing_keys = set(['key', 'label', 'points']) - data__options_item.keys()
                        if data__options_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]" + " must contain " + (str(sorted(data__options_item__missing_keys)) + " properties"), value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]" + "", definition=None, rule='required')
                        data__options_item_keys = set(data__options_item.keys())
                        if "key" in data__options_item_keys:
                            data__options_item_keys.remove("key")
                            data__options_item__key = data__options_item["key"]
                            if not isinstance(data__options_item__key, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].key" + " must be string", value=data__options_item__key, name="" + (name_prefix or "data") + ".options[{data__options_x}].key" + "", definition=None, rule='type')
                            if isinstance(data__options_item__key, str):
                                if not REGEX_PATTERNS['^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$(?!\\n)'].search(data__options_item__key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].key" + " must match pattern ^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$(?!\\n)", value=data__options_item__key, name="" + (name_prefix or "data") + ".options[{data__options_x}].key" + "", definition=None, rule='pattern')
                        if "label" in data__options_item_keys:
                            data__options_item_keys.remove("label")
                            data__options_item__label = data__options_item["label"]
                            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__options_item__label, custom_formats, (name_prefix or "data") + ".options[{data__options_x}].label")
                        if "points" in data__options_item_keys:
                            data__options_item_keys.remove("points")
                            data__options_item__points = data__options_item["points"]
                            if not isinstance(data__options_item__points, (int, float, Decimal)) or isinstance(data__options_item__points, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].points" + " must be number", value=data__options_item__points, name="" + (name_prefix or "data") + ".options[{data__options_x}].points" + "", definition=None, rule='type')
                            if isinstance(data__options_item__points, (int, float, Decimal)) and not isinstance(data__options_item__points, bool):
                                if data__options_item__points < 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].points" + " must be bigger than or equal to 0", value=data__options_item__points, name="" + (name_prefix or "data") + ".options[{data__options_x}].points" + "", definition=None, rule='minimum')
                        if data__options_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]" + " must not contain "+str(data__options_item_keys)+" properties", value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]" + "", definition=None, rule='additionalProperties')
        if "unit" in data_keys:
            data_keys.remove("unit")
            data__unit = data["unit"]
            if not isinstance(data__unit, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be string", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition=None, rule='type')
            if isinstance(data__unit, str):
                data__unit_len = len(data__unit)
                if data__unit_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be longer than or equal to 1 characters", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition=None, rule='minLength')
                if data__unit_len > 16:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be shorter than or equal to 16 characters", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition=None, rule='maxLength')
        if "pass_if" in data_keys:
            data_keys.remove("pass_if")
            data__passif = data["pass_if"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_condition(data__passif, custom_formats, (name_prefix or "data") + ".pass_if")
        if "bands" in data_keys:
            data_keys.remove("bands")
            data__bands = data["bands"]
            if not isinstance(data__bands, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands must be array", value=data__bands, name="" + (name_prefix or "data") + ".bands", definition=None, rule='type')
            data__bands_is_list = isinstance(data__bands, (list, tuple))
            if data__bands_is_list:
                data__bands_len = len(data__bands)
                if data__bands_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands must contain at least 1 items", value=data__bands, name="" + (name_prefix or "data") + ".bands", definition=None, rule='minItems')
                for data__bands_x, data__bands_item in enumerate(data__bands):
                    if not isinstance(data__bands_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}]" + " must be object", value=data__bands_item, name="" + (name_prefix or "data") + ".bands[{data__bands_x}]" + "", definition=None, rule='type')
                    data__bands_item_is_dict = isinstance(data__bands_item, dict)
                    if data__bands_item_is_dict:
                        data__bands_item__missing_keys = set(['op', 'value', 'fraction']) - data__bands_item.keys()
                        if data__bands_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}]" + " must contain " + (str(sorted(data__bands_item__missing_keys)) + " properties"), value=data__bands_item, name="" + (name_prefix or "data") + ".bands[{data__bands_x}]" + "", definition=None, rule='required')
                        data__bands_item_keys = set(data__bands_item.keys())
                        if "op" in data__bands_item_keys:
                            data__bands_item_keys.remove("op")
                            data__bands_item__op = data__bands_item["op"]
                            if not (isinstance(data__bands_item__op, str) and data__bands_item__op == '>=' or isinstance(data__bands_item__op, str) and data__bands_item__op == '>' or isinstance(data__bands_item__op, str) and data__bands_item__op == '<=' or isinstance(data__bands_item__op, str) and data__bands_item__op == '<' or isinstance(data__bands_item__op, str) and data__bands_item__op == '=='):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}].op" + " must be one of ['>=', '>', '<=', '<', '==']", value=data__bands_item__op, name="" + (name_prefix or "data") + ".bands[{data__bands_x}].op" + "", definition=None, rule='enum')
                        if "value" in data__bands_item_keys:
                            data__bands_item_keys.remove("value")
                            data__bands_item__value = data__bands_item["value"]
                            if not isinstance(data__bands_item__value, (int, float, Decimal)) or isinstance(data__bands_item__value, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}].value" + " must be number", value=data__bands_item__value, name="" + (name_prefix or "data") + ".bands[{data__bands_x}].value" + "", definition=None, rule='type')
                        if "fraction" in data__bands_item_keys:
                            data__bands_item_keys.remove("fraction")
                            data__bands_item__fraction = data__bands_item["fraction"]
                            if not isinstance(data__bands_item__fraction, (int, float, Decimal)) or isinstance(data__bands_item__fraction, bool):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + " must be number", value=data__bands_item__fraction, name="" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + "", definition=None, rule='type')
                            if isinstance(data__bands_item__fraction, (int, float, Decimal)) and not isinstance(data__bands_item__fraction, bool):
                                if data__bands_item__fraction <= 0:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + " must be bigger than 0", value=data__bands_item__fraction, name="" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + "", definition=None, rule='exclusiveMinimum')
                                if data__bands_item__fraction >= 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + " must be smaller than 1", value=data__bands_item__fraction, name="" + (name_prefix or "data") + ".bands[{data__bands_x}].fraction" + "", definition=None, rule='exclusiveMaximum')
                        if data__bands_item_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".bands[{data__bands_x}]" + " must not contain "+str(data__bands_item_keys)+" properties", value=data__bands_item, name="" + (name_prefix or "data") + ".bands[{data__bands_x}]" + "", definition=None, rule='additionalProperties')
        if "min" in data_keys:
            data_keys.remove("min")
            data__min = data["min"]
            if not isinstance(data__min, (int, float, Decimal)) or isinstance(data__min, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".min must be number", value=data__min, name="" + (name_prefix or "data") + ".min", definition=None, rule='type')
        if "max" in data_keys:
            data_keys.remove("max")
            data__max = data["max"]
            if not isinstance(data__max, (int, float, Decimal)) or isinstance(data__max, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".max must be number", value=data__max, name="" + (name_prefix or "data") + ".max", definition=None, rule='type')
        if "ipa" in data_keys:
            data_keys.remove("ipa")
            data__ipa = data["ipa"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_ipa(data__ipa, custom_formats, (name_prefix or "data") + ".ipa")
        if "rectify" in data_keys:
            data_keys.remove("rectify")
            data__rectify = data["rectify"]
            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_rectify(data__rectify, custom_formats, (name_prefix or "data") + ".rectify")
        if "evidence_required_on_fail" in data_keys:
            data_keys.remove("evidence_required_on_fail")
            data__evidencerequiredonfail = data["evidence_required_on_fail"]
            if not isinstance(data__evidencerequiredonfail, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".evidence_required_on_fail must be boolean", value=data__evidencerequiredonfail, name="" + (name_prefix or "data") + ".evidence_required_on_fail", definition=None, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_condition(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['op', 'value']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "op" in data_keys:
            data_keys.remove("op")
            data__op = data["op"]
            if not (isinstance(data__op, str) and data__op == '>=' or isinstance(data__op, str) and data__op == '>' or isinstance(data__op, str) and data__op == '<=' or isinstance(data__op, str) and data__op == '<' or isinstance(data__op, str) and data__op == '=='):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".op must be one of ['>=', '>', '<=', '<', '==']", value=data__op, name="" + (name_prefix or "data") + ".op", definition=None, rule='enum')
        if "value" in data_keys:
            data_keys.remove("value")
            data__value = data["value"]
            if not isinstance(data__value, (int, float, Decimal)) or isinstance(data__value, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be number", value=data__value, name="" + (name_prefix or "data") + ".value", definition=None, rule='type')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_ipa(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minProperties')
        data_keys = set(data.keys())
        if "importance" in data_keys:
            data_keys.remove("importance")
            data__importance = data["importance"]
            if not isinstance(data__importance, (int, float, Decimal)) or isinstance(data__importance, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".importance must be number", value=data__importance, name="" + (name_prefix or "data") + ".importance", definition=None, rule='type')
        if "performance" in data_keys:
            data_keys.remove("performance")
            data__performance = data["performance"]
            if not isinstance(data__performance, (int, float, Decimal)) or isinstance(data__performance, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".performance must be number", value=data__performance, name="" + (name_prefix or "data") + ".performance", definition=None, rule='type')
        if "rank" in data_keys:
            data_keys.remove("rank")
            data__rank = data["rank"]
            if not isinstance(data__rank, (int)) and not (isinstance(data__rank, float) and data__rank.is_integer()) or isinstance(data__rank, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rank must be integer", value=data__rank, name="" + (name_prefix or "data") + ".rank", definition=None, rule='type')
            if isinstance(data__rank, (int, float, Decimal)) and not isinstance(data__rank, bool):
                if data__rank < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".rank must be bigger than or equal to 1", value=data__rank, name="" + (name_prefix or "data") + ".rank", definition=None, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_scale(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['min', 'max']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "min" in data_keys:
            data_keys.remove("min")
            data__min = data["min"]
            if not isinstance(data__min, (int)) and not (isinstance(data__min, float) and data__min.is_integer()) or isinstance(data__min, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".min must be integer", value=data__min, name="" + (name_prefix or "data") + ".min", definition=None, rule='type')
        if "max" in data_keys:
            data_keys.remove("max")
            data__max = data["max"]
            if not isinstance(data__max, (int)) and not (isinstance(data__max, float) and data__max.is_integer()) or isinstance(data__max, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".max must be integer", value=data__max, name="" + (name_prefix or "data") + ".max", definition=None, rule='type')
        if "labels" in data_keys:
            data_keys.remove("labels")
            data__labels = data["labels"]
            if not isinstance(data__labels, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must be object", value=data__labels, name="" + (name_prefix or "data") + ".labels", definition=None, rule='type')
            data__labels_is_dict = isinstance(data__labels, dict)
            if data__labels_is_dict:
                data__labels_keys = set(data__labels.keys())
                for data__labels_key in data__labels_keys:
                    if data__labels_key not in []:
                        data__labels_value = data__labels.get(data__labels_key)
                        validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data__labels_value, custom_formats, (name_prefix or "data") + ".labels.{data__labels_key}")
                data__labels_len = len(data__labels)
                if data__labels_len != 0:
                    data__labels_property_names = True
                    for data__labels_key in data__labels:
                        try:
                            if isinstance(data__labels_key, str):
                                if not REGEX_PATTERNS['^-?[0-9]+$(?!\\n)'].search(data__labels_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must match pattern ^-?[0-9]+$(?!\\n)", value=data__labels_key, name="" + (name_prefix or "data") + ".labels", definition=None, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__labels_property_names = False
                    if not data__labels_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".labels must be named by propertyName definition", value=data__labels, name="" + (name_prefix or "data") + ".labels", definition=None, rule='propertyNames')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_lang(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$(?!\\n)'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$(?!\\n)", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_text(data, custom_formats={}, name_prefix=None):
    data_one_of_count2 = 0
    if data_one_of_count2 < 2:
        try:
            if not isinstance(data, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
            if isinstance(data, str):
                data_len = len(data)
                if data_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minLength')
            data_one_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count2 < 2:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data_len = len(data)
                if data_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain at least 1 properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minProperties')
                data_keys = set(data.keys())
                for data_key in data_keys:
                    if data_key not in []:
                        data_value = data.get(data_key)
                        if not isinstance(data_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}" + " must be string", value=data_value, name="" + (name_prefix or "data") + ".{data_key}" + "", definition=None, rule='type')
                        if isinstance(data_value, str):
                            data_value_len = len(data_value)
                            if data_value_len < 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}" + " must be longer than or equal to 1 characters", value=data_value, name="" + (name_prefix or "data") + ".{data_key}" + "", definition=None, rule='minLength')
                if data_len != 0:
                    data_property_names = True
                    for data_key in data:
                        try:
                            validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_lang(data_key, custom_formats, (name_prefix or "data") + "")
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data_property_names = False
                    if not data_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be named by propertyName definition", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='propertyNames')
            data_one_of_count2 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if data_one_of_count2 != 1:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be valid exactly by one definition" + (" (" + str(data_one_of_count2) + " matches found)"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='oneOf')
    return data

def validate_https___branchcheck_dev_schemas_checklist_v1_schema_json__definitions_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len > 64:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 64 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='maxLength')
        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$(?!\\n)'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$(?!\\n)", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='pattern')
    return data


validate = validate_https___branchcheck_dev_schemas_checklist_v1_schema_json
