"""Validity check for schemas/shop_mapping.schema.json (generated: do not edit).

Made by scripts/gen_fast_validators.py with fastjsonschema 2.22.3.
branchcheck.core.validation uses it only while SCHEMA_SHA256 matches the bundled
schema, and asks jsonschema for the detailed errors of an invalid document.
"""
# ruff: noqa
# mypy: ignore-errors
# fmt: off

SCHEMA_SHA256 = "175bd545f0ebdda7f8adc007c741bdfd3d0ff173ec44b4c544489f5b580b9072"
from decimal import Decimal
import re
from branchcheck._fastschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[A-Za-z0-9_-]{1,32}$': re.compile('^[A-Za-z0-9_-]{1,32}\\Z'),
    '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z')
}

NoneType = type(None)

def validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format', 'checklist', 'visit', 'items']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition=None, rule='required')
        data_keys = set(data.keys())
        if "format" in data_keys:
            data_keys.remove("format")
            data__format = data["format"]
            if not (isinstance(data__format, str) and data__format == 'branchcheck-shop-mapping/1'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".format must be same as const definition: branchcheck-shop-mapping/1", value=data__format, name="" + (name_prefix or "data") + ".format", definition=None, rule='const')
        if "checklist" in data_keys:
            data_keys.remove("checklist")
            data__checklist = data["checklist"]
            if not isinstance(data__checklist, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be string", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='type')
            if isinstance(data__checklist, str):
                data__checklist_len = len(data__checklist)
                if data__checklist_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be longer than or equal to 1 characters", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='minLength')
                if data__checklist_len > 4096:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".checklist must be shorter than or equal to 4096 characters", value=data__checklist, name="" + (name_prefix or "data") + ".checklist", definition=None, rule='maxLength')
        if "firm" in data_keys:
            data_keys.remove("firm")
            data__firm = data["firm"]
            if not isinstance(data__firm, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".firm must be string", value=data__firm, name="" + (name_prefix or "data") + ".firm", definition=None, rule='type')
            if isinstance(data__firm, str):
                data__firm_len = len(data__firm)
                if data__firm_len > 200:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".firm must be shorter than or equal to 200 characters", value=data__firm, name="" + (name_prefix or "data") + ".firm", definition=None, rule='maxLength')
        if "wave" in data_keys:
            data_keys.remove("wave")
            data__wave = data["wave"]
            if not isinstance(data__wave, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".wave must be string", value=data__wave, name="" + (name_prefix or "data") + ".wave", definition=None, rule='type')
            if isinstance(data__wave, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_-]{1,32}$'].search(data__wave):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".wave must match pattern ^[A-Za-z0-9_-]{1,32}$", value=data__wave, name="" + (name_prefix or "data") + ".wave", definition=None, rule='pattern')
        if "sheet" in data_keys:
            data_keys.remove("sheet")
            data__sheet = data["sheet"]
            if not isinstance(data__sheet, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".sheet must be string", value=data__sheet, name="" + (name_prefix or "data") + ".sheet", definition=None, rule='type')
            if isinstance(data__sheet, str):
                data__sheet_len = len(data__sheet)
                if data__sheet_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sheet must be longer than or equal to 1 characters", value=data__sheet, name="" + (name_prefix or "data") + ".sheet", definition=None, rule='minLength')
                if data__sheet_len > 31:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".sheet must be shorter than or equal to 31 characters", value=data__sheet, name="" + (name_prefix or "data") + ".sheet", definition=None, rule='maxLength')
        if "header_row" in data_keys:
            data_keys.remove("header_row")
            data__headerrow = data["header_row"]
            if not isinstance(data__headerrow, (int)) and not (isinstance(data__headerrow, float) and data__headerrow.is_integer()) or isinstance(data__headerrow, bool):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".header_row must be integer", value=data__headerrow, name="" + (name_prefix or "data") + ".header_row", definition=None, rule='type')
            if isinstance(data__headerrow, (int, float, Decimal)) and not isinstance(data__headerrow, bool):
                if data__headerrow < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".header_row must be bigger than or equal to 1", value=data__headerrow, name="" + (name_prefix or "data") + ".header_row", definition=None, rule='minimum')
                if data__headerrow > 1000:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".header_row must be smaller than or equal to 1000", value=data__headerrow, name="" + (name_prefix or "data") + ".header_row", definition=None, rule='maximum')
        if "timezone" in data_keys:
            data_keys.remove("timezone")
            data__timezone = data["timezone"]
            if not isinstance(data__timezone, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be string", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition=None, rule='type')
            if isinstance(data__timezone, str):
                data__timezone_len = len(data__timezone)
                if data__timezone_len > 64:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".timezone must be shorter than or equal to 64 characters", value=data__timezone, name="" + (name_prefix or "data") + ".timezone", definition=None, rule='maxLength')
        if "visit" in data_keys:
            data_keys.remove("visit")
            data__visit = data["visit"]
            if not isinstance(data__visit, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must be object", value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='type')
            data__visit_is_dict = isinstance(data__visit, dict)
            if data__visit_is_dict:
                data__visit__missing_keys = set(['outlet', 'date']) - data__visit.keys()
                if data__visit__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must contain " + (str(sorted(data__visit__missing_keys)) + " properties"), value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='required')
                data__visit_keys = set(data__visit.keys())
                if "id" in data__visit_keys:
                    data__visit_keys.remove("id")
                    data__visit__id = data__visit["id"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__id, custom_formats, (name_prefix or "data") + ".visit.id")
                if "outlet" in data__visit_keys:
                    data__visit_keys.remove("outlet")
                    data__visit__outlet = data__visit["outlet"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__outlet, custom_formats, (name_prefix or "data") + ".visit.outlet")
                if "date" in data__visit_keys:
                    data__visit_keys.remove("date")
                    data__visit__date = data__visit["date"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__date, custom_formats, (name_prefix or "data") + ".visit.date")
                if "time" in data__visit_keys:
                    data__visit_keys.remove("time")
                    data__visit__time = data__visit["time"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__time, custom_formats, (name_prefix or "data") + ".visit.time")
                if "slot" in data__visit_keys:
                    data__visit_keys.remove("slot")
                    data__visit__slot = data__visit["slot"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__slot, custom_formats, (name_prefix or "data") + ".visit.slot")
                if "waiting" in data__visit_keys:
                    data__visit_keys.remove("waiting")
                    data__visit__waiting = data__visit["waiting"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__waiting, custom_formats, (name_prefix or "data") + ".visit.waiting")
                if "teller" in data__visit_keys:
                    data__visit_keys.remove("teller")
                    data__visit__teller = data__visit["teller"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__teller, custom_formats, (name_prefix or "data") + ".visit.teller")
                if "scenario" in data__visit_keys:
                    data__visit_keys.remove("scenario")
                    data__visit__scenario = data__visit["scenario"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__scenario, custom_formats, (name_prefix or "data") + ".visit.scenario")
                if "shopper" in data__visit_keys:
                    data__visit_keys.remove("shopper")
                    data__visit__shopper = data__visit["shopper"]
                    validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__visit__shopper, custom_formats, (name_prefix or "data") + ".visit.shopper")
                if data__visit_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".visit must not contain "+str(data__visit_keys)+" properties", value=data__visit, name="" + (name_prefix or "data") + ".visit", definition=None, rule='additionalProperties')
        if "items" in data_keys:
            data_keys.remove("items")
            data__items = data["items"]
            if not isinstance(data__items, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must be object", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='type')
            data__items_is_dict = isinstance(data__items, dict)
            if data__items_is_dict:
                data__items_len = len(data__items)
                if data__items_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must contain at least 1 properties", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='minProperties')
                data__items_keys = set(data__items.keys())
                for data__items_key in data__items_keys:
                    if data__items_key not in []:
                        data__items_value = data__items.get(data__items_key)
                        data__items_value_one_of_count1 = 0
                        if data__items_value_one_of_count1 < 2:
                            try:
                                validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__items_value, custom_formats, (name_prefix or "data") + ".items.{data__items_key}")
                                data__items_value_one_of_count1 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__items_value_one_of_count1 < 2:
                            try:
                                if not isinstance(data__items_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}" + " must be object", value=data__items_value, name="" + (name_prefix or "data") + ".items.{data__items_key}" + "", definition=None, rule='type')
                                data__items_value_is_dict = isinstance(data__items_value, dict)
                                if data__items_value_is_dict:
                                    data__items_value__missing_keys = set(['column']) - data__items_value.keys()
                                    if data__items_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}" + " must contain " + (str(sorted(data__items_value__missing_keys)) + " properties"), value=data__items_value, name="" + (name_prefix or "data") + ".items.{data__items_key}" + "", definition=None, rule='required')
                                    data__items_value_keys = set(data__items_value.keys())
                                    if "column" in data__items_value_keys:
                                        data__items_value_keys.remove("column")
                                        data__items_value__column = data__items_value["column"]
                                        validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__items_value__column, custom_formats, (name_prefix or "data") + ".items.{data__items_key}.column")
                                    if "values" in data__items_value_keys:
                                        data__items_value_keys.remove("values")
                                        data__items_value__values = data__items_value["values"]
                                        if not isinstance(data__items_value__values, (dict)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}.values" + " must be object", value=data__items_value__values, name="" + (name_prefix or "data") + ".items.{data__items_key}.values" + "", definition=None, rule='type')
                                        data__items_value__values_is_dict = isinstance(data__items_value__values, dict)
                                        if data__items_value__values_is_dict:
                                            data__items_value__values_len = len(data__items_value__values)
                                            if data__items_value__values_len < 1:
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}.values" + " must contain at least 1 properties", value=data__items_value__values, name="" + (name_prefix or "data") + ".items.{data__items_key}.values" + "", definition=None, rule='minProperties')
                                            data__items_value__values_keys = set(data__items_value__values.keys())
                                            for data__items_value__values_key in data__items_value__values_keys:
                                                if data__items_value__values_key not in []:
                                                    data__items_value__values_value = data__items_value__values.get(data__items_value__values_key)
                                                    if not isinstance(data__items_value__values_value, (str, int)) and not (isinstance(data__items_value__values_value, float) and data__items_value__values_value.is_integer()) or isinstance(data__items_value__values_value, bool):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}.values.{data__items_value__values_key}" + " must be string or integer", value=data__items_value__values_value, name="" + (name_prefix or "data") + ".items.{data__items_key}.values.{data__items_value__values_key}" + "", definition=None, rule='type')
                                    if "note" in data__items_value_keys:
                                        data__items_value_keys.remove("note")
                                        data__items_value__note = data__items_value["note"]
                                        validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data__items_value__note, custom_formats, (name_prefix or "data") + ".items.{data__items_key}.note")
                                    if data__items_value_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}" + " must not contain "+str(data__items_value_keys)+" properties", value=data__items_value, name="" + (name_prefix or "data") + ".items.{data__items_key}" + "", definition=None, rule='additionalProperties')
                                data__items_value_one_of_count1 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if data__items_value_one_of_count1 != 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".items.{data__items_key}" + " must be valid exactly by one definition" + (" (" + str(data__items_value_one_of_count1) + " matches found)"), value=data__items_value, name="" + (name_prefix or "data") + ".items.{data__items_key}" + "", definition=None, rule='oneOf')
                if data__items_len != 0:
                    data__items_property_names = True
                    for data__items_key in data__items:
                        try:
                            if isinstance(data__items_key, str):
                                if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data__items_key):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$", value=data__items_key, name="" + (name_prefix or "data") + ".items", definition=None, rule='pattern')
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            data__items_property_names = False
                    if not data__items_property_names:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".items must be named by propertyName definition", value=data__items, name="" + (name_prefix or "data") + ".items", definition=None, rule='propertyNames')
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='additionalProperties')
    return data

def validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json__definitions_column(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 1 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='minLength')
        if data_len > 200:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be shorter than or equal to 200 characters", value=data, name="" + (name_prefix or "data") + "", definition=None, rule='maxLength')
    return data


validate = validate_https___branchcheck_dev_schemas_shop_mapping_v1_schema_json
